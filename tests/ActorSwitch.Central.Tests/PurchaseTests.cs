using ActorSwitch.Testing;
using ActorSwitch.Central.Tests.Support;

namespace ActorSwitch.Central.Tests;

[Collection(SharedCentralCollection.Name)]
public sealed class PurchaseTests(SharedCentral shared)
{
    private CentralProcess Central => shared.Central;

    [Fact]
    public async Task A_purchase_with_the_right_pin_is_approved_and_debits_the_card_once()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var pan = TestCards.Pan(serial);
        var rrn = Rrns.Next();
        var request = Requests.Purchase(pan, 12_345, rrn, PinPad.PinBlockUnderZpk(client, pan, TestCards.Pin));

        var answer = await client.ExchangeAsync(request);

        Assert.Equal("00", answer.ResponseCode);
        Assert.True(answer.MacValid);
        Assert.Matches("^[0-9A-Z]{6}$", answer.AuthCode);
        Assert.Equal(4, answer.Message.GetAscii(15)!.Length);
        foreach (var field in new[] { 2, 3, 4, 7, 11, 32, 37, 41, 42, 49 })
            Assert.Equal(request.GetAscii(field), answer.Message.GetAscii(field));
        Assert.Equal(TestCards.OpeningFen - 12_345, await Central.AvailableFenAsync(serial));
        var stored = await Central.TransactionAsync(rrn);
        Assert.Equal("purchase", stored.GetProperty("transaction").GetString());
        Assert.Equal("621234*********" + pan[^4..], stored.GetProperty("maskedPan").GetString());
        Assert.Equal(2, stored.GetProperty("postings").GetArrayLength());
    }

    [Fact]
    public async Task Wrong_pins_are_55_then_75_from_the_third_until_a_correct_pin_resets_the_count()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var pan = TestCards.Pan(serial);
        async Task<string?> Try(string pin) =>
            (await client.ExchangeAsync(Requests.Purchase(pan, 100, Rrns.Next(), PinPad.PinBlockUnderZpk(client, pan, pin)))).ResponseCode;

        Assert.Equal("55", await Try("111111"));
        Assert.Equal("55", await Try("222222"));
        Assert.Equal("75", await Try("333333"));
        Assert.Equal("75", await Try("444444"));
        Assert.Equal("00", await Try(TestCards.Pin));
        Assert.Equal("55", await Try("555555")); // counting starts again
        Assert.Equal(TestCards.OpeningFen - 100, await Central.AvailableFenAsync(serial));
    }

    [Fact]
    public async Task A_pin_block_that_does_not_decode_is_99()
    {
        await using var client = await Central.ConnectAsync();
        var answer = await client.ExchangeAsync(Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), 100, Rrns.Next(), PinPad.Garbage()));
        Assert.Equal("99", answer.ResponseCode);
    }

    [Fact]
    public async Task More_than_the_balance_is_51_and_nothing_is_posted()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var rrn = Rrns.Next();
        var answer = await client.ExchangeAsync(Requests.Purchase(TestCards.Pan(serial), TestCards.OpeningFen + 1, rrn));
        Assert.Equal("51", answer.ResponseCode);
        Assert.Null(answer.AuthCode);
        Assert.Equal(TestCards.OpeningFen, await Central.AvailableFenAsync(serial));
        Assert.Equal(0, (await Central.TransactionAsync(rrn)).GetProperty("postings").GetArrayLength());
    }

    [Theory]
    [InlineData(20_000)] // a well-formed PAN of the BIN that was never issued
    [InlineData(-1)] // a PAN failing the Luhn check
    public async Task An_unknown_card_is_14(int serial)
    {
        await using var client = await Central.ConnectAsync();
        var valid = TestCards.Pan(serial > 0 ? serial : TestCards.NextSerial());
        var pan = serial > 0 ? valid : valid[..^1] + (char)('0' + (valid[^1] - '0' + 1) % 10);
        var answer = await client.ExchangeAsync(Requests.Purchase(pan, 100, Rrns.Next()));
        Assert.Equal("14", answer.ResponseCode);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(999_999_999_999L)]
    public async Task An_amount_of_zero_or_absurd_is_13(long amount)
    {
        await using var client = await Central.ConnectAsync();
        var answer = await client.ExchangeAsync(Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), amount, Rrns.Next()));
        Assert.Equal("13", answer.ResponseCode);
    }

    [Fact]
    public async Task A_bad_mac_is_answered_A0_without_a_mac_and_not_processed()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var rrn = Rrns.Next();
        var request = Requests.Purchase(TestCards.Pan(serial), 500, rrn);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        ActorSwitch.Iso8583.IsoWriter.Write(request, buffer, (_, mac) => mac.Fill(0x5A));
        await client.SendRawAsync(buffer.WrittenMemory);

        var answer = await client.WaitForAsync(m => m.Mti == 210 && m.GetAscii(37) == rrn);
        Assert.Equal("A0", answer.ResponseCode);
        Assert.False(answer.HasMac);
        Assert.Equal(TestCards.OpeningFen, await Central.AvailableFenAsync(serial));
        using var lookup = await Central.Http.GetAsync($"/transactions/{rrn}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task A_mac_in_f64_of_a_message_with_fields_above_64_is_A0()
    {
        await using var client = await Central.ConnectAsync();
        var request = Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), 100, Rrns.Next());
        // F100 lies after F64: a MAC in F64 would not cover it, so the centre accepts the MAC in F128 only.
        var macBlock = new System.Buffers.ArrayBufferWriter<byte>();
        request.SetBinary(64, new byte[8]);
        var zak = client.MacKey!;
        ActorSwitch.Iso8583.IsoWriter.Write(request, macBlock);
        var frame = macBlock.WrittenSpan.ToArray();
        var received = new ActorSwitch.Iso8583.IsoMessage(ActorSwitch.Iso8583.Dialects.CentralHost);
        Assert.True(ActorSwitch.Iso8583.IsoReader.TryParse(frame.AsSpan(4), received, out _));
        var mac = new byte[8];
        client.Module.GenerateMac(zak, ActorSwitch.Security.Module.MacAlgorithm.AnsiX919, received.ReceivedMacBlock, mac);
        var macOffset = 4 + received.ReceivedMacBlock.Length;
        mac.CopyTo(frame, macOffset);
        await client.SendRawAsync(frame);

        var answer = await client.WaitForAsync(m => m.Mti == 210 && m.GetAscii(37) == request.GetAscii(37));
        Assert.Equal("A0", answer.ResponseCode);
    }

    [Fact]
    public async Task A_balance_inquiry_answers_f54_in_the_pos_format()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var pan = TestCards.Pan(serial);
        await client.ExchangeAsync(Requests.Purchase(pan, 2_500, Rrns.Next()));
        var answer = await client.ExchangeAsync(Requests.BalanceInquiry(pan, Rrns.Next(), PinPad.PinBlockUnderZpk(client, pan, TestCards.Pin)));
        Assert.Equal("00", answer.ResponseCode);
        Assert.Equal($"1002156C{TestCards.OpeningFen - 2_500:D12}", answer.Message.GetAscii(54));
    }

    [Fact]
    public async Task A_repeat_of_the_same_acquirer_and_rrn_gets_the_stored_answer_and_posts_once()
    {
        await using var client = await Central.ConnectAsync();
        await using var other = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var pan = TestCards.Pan(serial);
        var rrn = Rrns.Next();
        var first = await client.ExchangeAsync(Requests.Purchase(pan, 7_000, rrn));
        // The repeat comes on another connection with a new trace, as after a reconnection.
        var repeat = await other.ExchangeAsync(Requests.Purchase(pan, 7_000, rrn));
        var differentContent = await other.ExchangeAsync(Requests.Purchase(pan, 7_001, rrn));

        Assert.Equal("00", first.ResponseCode);
        Assert.Equal("00", repeat.ResponseCode);
        Assert.Equal(first.AuthCode, repeat.AuthCode);
        Assert.Equal(first.Message.GetAscii(15), repeat.Message.GetAscii(15));
        Assert.True(repeat.MacValid);
        Assert.Equal("94", differentContent.ResponseCode);
        Assert.Equal(TestCards.OpeningFen - 7_000, await Central.AvailableFenAsync(serial));
        Assert.Equal(2, (await Central.TransactionAsync(rrn)).GetProperty("postings").GetArrayLength());
    }

    [Fact]
    public async Task Many_requests_in_flight_on_one_connection_are_all_answered()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var pan = TestCards.Pan(serial);
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.ExchangeAsync(Requests.Purchase(pan, 10, Rrns.Next()))));
        Assert.All(answers, a => Assert.Equal("00", a.ResponseCode));
        Assert.All(answers, a => Assert.True(a.MacValid));
        Assert.Equal(TestCards.OpeningFen - 2_000, await Central.AvailableFenAsync(serial));
    }
}
