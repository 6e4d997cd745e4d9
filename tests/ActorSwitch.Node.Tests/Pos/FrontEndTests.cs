using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;
using static ActorSwitch.Node.Tests.Pos.PosTestKit;

namespace ActorSwitch.Node.Tests.Pos;

/// <summary>Bad input at the POS port: each case gets its specific answer (or a closed connection), and nothing else is affected.</summary>
public sealed class FrontEndTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private Testing.NodeProcess Node => fixture.Node;

    // TPDU 60 0003 0000, header 60 31 00 00 00 00, MTI 0200.
    private static readonly byte[] Prefix = Convert.FromHexString("6000030000" + "603100000000" + "0200");

    private static byte[] Frame(params byte[][] parts)
    {
        var body = parts.SelectMany(p => p).ToArray();
        return [(byte)(body.Length >> 8), (byte)body.Length, .. body];
    }

    private async Task<PosTerminal> ConnectedAsync()
    {
        var terminal = new PosTerminal(Options(Node, "000000000000000", "00000000"), TerminalMasterKey.FromClear(new byte[16]));
        Assert.True(await terminal.ConnectAsync());
        return terminal;
    }

    [Fact]
    public async Task A_frame_with_a_readable_header_but_a_bad_field_is_answered_30_and_the_connection_stays_open()
    {
        await using var terminal = await ConnectedAsync();
        // Bitmap announces F2; its LL prefix holds the nibble A: not BCD.
        var bad = Frame(Prefix, Convert.FromHexString("4000000000000000"), [0xA1, 0x23]);
        var result = await terminal.SendRawAsync(bad);
        Assert.Equal(ExchangeOutcome.Answered, result.Outcome);
        Assert.Equal(210, result.Answer!.Mti);
        Assert.Equal("30", result.Answer.GetAscii(39));
        Assert.Equal(new Tpdu(0x60, 0x0000, 0x0003), result.Answer.Tpdu);

        // Same connection, a well-formed request of an unregistered terminal: still served (97).
        var echo = Frame(Convert.FromHexString("6000030000" + "603100000000" + "0820"), Convert.FromHexString("0020000000C00010"),
            Convert.FromHexString("000001"), "00000000"u8.ToArray(), "000000000000000"u8.ToArray(), Convert.FromHexString("0011000000000301"));
        var answer = await terminal.SendRawAsync(echo);
        Assert.Equal(ExchangeOutcome.Answered, answer.Outcome);
        Assert.Equal("97", answer.Answer!.GetAscii(39));
    }

    [Fact]
    public async Task A_request_without_terminal_and_merchant_ids_is_30()
    {
        await using var terminal = await ConnectedAsync();
        var echo = Frame(Convert.FromHexString("6000030000" + "603100000000" + "0820"), Convert.FromHexString("0020000000000010"),
            Convert.FromHexString("000001"), Convert.FromHexString("0011000000000301"));
        var answer = await terminal.SendRawAsync(echo);
        Assert.Equal("30", answer.Answer!.GetAscii(39));
    }

    [Theory]
    [InlineData("0000")]                 // length 0
    [InlineData("FFFF")]                 // far above the 2048-byte maximum: never allocated
    [InlineData("0003600003")]           // a frame too short to hold a header: nothing to answer
    public async Task Framing_errors_close_the_connection(string hex)
    {
        await using var terminal = await ConnectedAsync();
        var result = await terminal.SendRawAsync(Convert.FromHexString(hex + (hex.Length == 4 ? "6000030000" : "")));
        Assert.Equal(ExchangeOutcome.ConnectionClosed, result.Outcome);
    }

    [Fact]
    public async Task Garbage_on_one_connection_does_not_disturb_a_terminal_at_work_on_another()
    {
        await using var worker = await NewTerminalAsync(Node);
        await using (var vandal = await ConnectedAsync())
        {
            var random = new byte[3000];
            Random.Shared.NextBytes(random);
            random[0] = 0x07; // a length the frame reader accepts, then noise
            random[1] = 0xD0;
            await vandal.SendRawAsync(random);
        }
        Assert.Equal("00", (await worker.PurchaseAsync(Card(NewCardSerial()), 100)).ResponseCode);
    }
}
