using ActorSwitch.Testing;
using System.Text;
using ActorSwitch.Central.Tests.Support;
using ActorSwitch.Iso8583;

namespace ActorSwitch.Central.Tests;

[Collection(SharedCentralCollection.Name)]
public sealed class MalformedInputTests(SharedCentral shared)
{
    private CentralProcess Central => shared.Central;

    [Fact]
    public async Task A_frame_with_a_readable_request_mti_that_does_not_parse_is_answered_30_and_the_link_stays_up()
    {
        await using var client = await Central.ConnectAsync();
        // 0200 and a bitmap announcing F2, then the frame ends.
        byte[] body = [.. "0200"u8, 0x40, 0, 0, 0, 0, 0, 0, 0];
        await client.SendRawAsync(Encoding.ASCII.GetBytes(body.Length.ToString("D4")).Concat(body).ToArray());
        var answer = await client.WaitForAsync(m => m.Mti == 210);
        Assert.Equal("30", answer.ResponseCode);

        Assert.Equal("00", (await client.ExchangeAsync(Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), 100, Rrns.Next()))).ResponseCode);
        Assert.Contains("Malformed frame from 127.0.0.1", Central.Output);
    }

    [Theory]
    [InlineData("abcd")] // not a length
    [InlineData("0000")] // zero length
    [InlineData("9999")] // above the 8192 maximum
    public async Task A_bad_length_prefix_closes_that_connection_only(string prefix)
    {
        await using var bad = await Central.ConnectAsync(signOn: false);
        await bad.SendRawAsync(Encoding.ASCII.GetBytes(prefix + "0200"));
        await bad.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        await using var good = await Central.ConnectAsync();
        Assert.Equal("00", (await good.NetworkManagementAsync("301")).ResponseCode);
        Assert.False(Central.HasExited);
    }

    [Fact]
    public async Task An_unreadable_mti_closes_the_connection()
    {
        await using var bad = await Central.ConnectAsync(signOn: false);
        await bad.SendRawAsync(Encoding.ASCII.GetBytes("0012XY00\0\0\0\0\0\0\0\0"[..16]));
        await bad.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(Central.HasExited);
    }

    [Fact]
    public async Task An_unknown_request_mti_is_12_and_a_request_missing_its_rrn_is_30()
    {
        await using var client = await Central.ConnectAsync();
        var unknown = new IsoMessage(Dialects.CentralHost);
        unknown.SetMti(600);
        unknown.SetNumber(11, 1);
        await client.SendAsync(unknown, mac: false);
        Assert.Equal("12", (await client.WaitForAsync(m => m.Mti == 610)).ResponseCode);

        var noRrn = Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), 100, Rrns.Next());
        noRrn.Remove(37);
        await client.SendAsync(noRrn);
        var answer = await client.WaitForAsync(m => m.Mti == 210 && !m.Has(37));
        Assert.Equal("30", answer.ResponseCode);
        Assert.True(answer.MacValid);
    }

    [Fact]
    public async Task Random_garbage_never_stops_the_simulator()
    {
        var random = new Random(8583);
        for (var i = 0; i < 30; i++)
        {
            await using var client = await Central.ConnectAsync(signOn: false);
            var body = new byte[random.Next(1, 300)];
            random.NextBytes(body);
            if (i % 2 == 0) "0200"u8.CopyTo(body.AsSpan(0, Math.Min(4, body.Length)));
            await client.SendRawAsync(Encoding.ASCII.GetBytes(body.Length.ToString("D4")).Concat(body).ToArray());
        }
        await using var good = await Central.ConnectAsync();
        Assert.Equal("00", (await good.ExchangeAsync(Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), 100, Rrns.Next()))).ResponseCode);
        Assert.False(Central.HasExited);
    }
}
