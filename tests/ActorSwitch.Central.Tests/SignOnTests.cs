using ActorSwitch.Testing;
using ActorSwitch.Central.Tests.Support;
using ActorSwitch.Security.KeyBlocks;

namespace ActorSwitch.Central.Tests;

[Collection(SharedCentralCollection.Name)]
public sealed class SignOnTests(SharedCentral shared)
{
    private CentralProcess Central => shared.Central;

    [Fact]
    public async Task Sign_on_issues_a_zpk_and_a_zak_as_tr31_blocks_under_the_zmk_and_they_work()
    {
        await using var client = await Central.ConnectAsync(signOn: false);
        var answer = await client.NetworkManagementAsync("001");

        Assert.Equal("00", answer.ResponseCode);
        Assert.False(answer.HasMac); // network management carries no MAC
        Assert.Equal("001", answer.Message.GetAscii(70));
        Assert.Equal(CentralClient.Acquirer, answer.Message.GetAscii(33));
        var blocks = answer.Message.GetAscii(48)!.Split('|');
        Assert.Equal(2, blocks.Length);
        Assert.All(blocks, b => Assert.StartsWith("D", b));
        Assert.Equal(KeyUsage.PinEncryption, client.PinKey!.Usage);
        Assert.Equal(KeyUsage.MacIso9797Algorithm3, client.MacKey!.Usage);

        var serial = TestCards.NextSerial();
        var purchase = await client.ExchangeAsync(Requests.Purchase(TestCards.Pan(serial), 100, Rrns.Next()));
        Assert.Equal("00", purchase.ResponseCode);
        Assert.True(purchase.MacValid, "the answer is MACed under the issued ZAK");
    }

    [Fact]
    public async Task Financial_requests_before_sign_on_are_answered_91_without_a_mac()
    {
        await using var client = await Central.ConnectAsync(signOn: false);
        await using var signedOn = await Central.ConnectAsync();
        // MACed under keys issued on another connection: this connection itself has not signed on.
        var request = Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), 100, Rrns.Next());
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        ActorSwitch.Iso8583.IsoWriter.Write(request, buffer, (block, mac) =>
            signedOn.Module.GenerateMac(signedOn.MacKey!, ActorSwitch.Security.Module.MacAlgorithm.AnsiX919, block, mac));
        await client.SendRawAsync(buffer.WrittenMemory);
        var answer = await client.WaitForAsync(m => m.Mti == 210);

        Assert.Equal("91", answer.ResponseCode);
        Assert.False(answer.HasMac);
    }

    [Fact]
    public async Task Key_change_issues_new_keys_and_the_previous_keys_still_verify_in_the_grace_period()
    {
        await using var client = await Central.ConnectAsync();
        var oldMacKey = client.MacKey!;
        var pan = TestCards.Pan(TestCards.NextSerial());

        var change = await client.NetworkManagementAsync("101");
        Assert.Equal("00", change.ResponseCode);
        Assert.NotEqual(client.Module.CheckValue(oldMacKey), client.Module.CheckValue(client.MacKey!));
        Assert.Equal("00", (await client.ExchangeAsync(Requests.Purchase(pan, 100, Rrns.Next()))).ResponseCode);

        // A request MACed under the superseded ZAK (in flight during the change) is still accepted.
        var request = Requests.Purchase(pan, 100, Rrns.Next());
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        ActorSwitch.Iso8583.IsoWriter.Write(request, buffer, (block, mac) =>
            client.Module.GenerateMac(oldMacKey, ActorSwitch.Security.Module.MacAlgorithm.AnsiX919, block, mac));
        await client.SendRawAsync(buffer.WrittenMemory);
        var answer = await client.WaitForAsync(m => m.Mti == 210 && m.GetAscii(37) == request.GetAscii(37));
        Assert.Equal("00", answer.ResponseCode);
    }

    [Fact]
    public async Task Keys_are_per_institution_so_a_second_connection_does_not_break_the_first()
    {
        await using var first = await Central.ConnectAsync();
        await using var second = await Central.ConnectAsync();
        var pan = TestCards.Pan(TestCards.NextSerial());

        Assert.Equal("00", (await first.ExchangeAsync(Requests.Purchase(pan, 100, Rrns.Next()))).ResponseCode);
        Assert.Equal("00", (await second.ExchangeAsync(Requests.Purchase(pan, 100, Rrns.Next()))).ResponseCode);
        var status = await Central.GetJsonAsync("/status");
        Assert.Contains(status.GetProperty("institutions").EnumerateArray(), i => i.GetProperty("institution").GetString() == CentralClient.Acquirer);
    }

    [Fact]
    public async Task Echo_and_sign_off_are_answered_and_after_sign_off_financial_requests_get_91()
    {
        await using var client = await Central.ConnectAsync();
        Assert.Equal("00", (await client.NetworkManagementAsync("301")).ResponseCode);
        Assert.Equal("00", (await client.NetworkManagementAsync("002")).ResponseCode);
        var answer = await client.ExchangeAsync(Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), 100, Rrns.Next()));
        Assert.Equal("91", answer.ResponseCode);
    }
}
