using System.Text.RegularExpressions;
using ActorSwitch.PosSim.Cli;
using ActorSwitch.PosSim.Tests.Support;
using Xunit.Abstractions;

namespace ActorSwitch.PosSim.Tests.Cli;

public sealed class SessionCommandTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_scripted_session_prints_every_message_with_pans_masked_and_secrets_named()
    {
        await using var session = new LoopbackSession();
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await PosSimCommand.RunAsync([
            "--port", session.Switch.Port.ToString(), "--merchant", LoopbackSession.MerchantId, "--terminal", LoopbackSession.TerminalId,
            "--tmk", Convert.ToHexString(SwitchSide.Tmk), "--dev",
            "signon purchase:1234 balance void refund:500 reversal purse:100 repeat settle echo signoff",
        ], output, error, CancellationToken.None);

        var text = output.ToString();
        log.WriteLine(text);
        Assert.True(exit == PosSimCommand.Success, error + text);
        Assert.Equal(11, session.Switch.Received.Count);
        Assert.DoesNotMatch(new Regex("6212340000000000012"), text);
        Assert.Contains("621234*********0012", text);
        Assert.Contains("[PIN block]", text);
        Assert.Contains("[track data]", text);
        Assert.Contains("[keys: 40 bytes]", text);
        Assert.Contains("keys Installed", text);
        Assert.Contains("00 approved | RRN 332211000123 | auth 654321 | settlement date 1127 | MAC valid", text);
        Assert.Contains("== reversal", text);
        Assert.Contains("\"06\"", text); // the reversal of an approved void: reason 06
    }

    [Fact]
    public async Task The_operator_api_registers_the_terminal_and_delivers_its_master_key()
    {
        var vector = TestVectors.Computed.GetProperty("tr31_tmk_computed");
        using var api = new OperatorApiStub(vector.Text("block"), vector.Text("kcv"));
        await using var session = new LoopbackSession();
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await PosSimCommand.RunAsync([
            "--port", session.Switch.Port.ToString(), "--merchant", LoopbackSession.MerchantId, "--terminal", LoopbackSession.TerminalId,
            "--admin", $"http://127.0.0.1:{api.Port}", "--token", "dev-admin-token", "--register", "--dev", "signon", "purchase:1",
        ], output, error, CancellationToken.None);

        Assert.True(exit == PosSimCommand.Success, error + output.ToString());
        Assert.Equal(
        [
            """POST /api/merchants {"merchantId":"309310083985008","name":"PosSim merchant 309310083985008","mcc":"8398","feeRate":60}""",
            """POST /api/terminals {"terminalId":"50080001","merchantId":"309310083985008","model":"PosSim"}""",
            "POST /api/merchants/309310083985008/terminals/50080001/tmk",
        ], api.Requests);
        Assert.Contains("check value 08D7B4", output.ToString());
    }

    [Fact]
    public async Task A_step_without_an_answer_gives_exit_code_2_and_a_missing_original_is_skipped()
    {
        await using var session = new LoopbackSession((self, request) => request.Mti == 820 ? SwitchReply.Nothing : null);
        var output = new StringWriter();

        var exit = await PosSimCommand.RunAsync([
            "--port", session.Switch.Port.ToString(), "--merchant", LoopbackSession.MerchantId, "--terminal", LoopbackSession.TerminalId,
            "--tmk", Convert.ToHexString(SwitchSide.Tmk), "--timeout", "1", "void echo",
        ], output, new StringWriter(), CancellationToken.None);

        Assert.Equal(PosSimCommand.StepsFailed, exit);
        Assert.Contains("skipped: no purchase in this session yet", output.ToString());
        Assert.Contains("<< no answer within 1 s", output.ToString());
    }

    [Fact]
    public async Task A_wrong_key_block_is_a_set_up_failure()
    {
        var error = new StringWriter();
        var exit = await PosSimCommand.RunAsync([
            "--merchant", LoopbackSession.MerchantId, "--terminal", LoopbackSession.TerminalId,
            "--tmk-block", TestVectors.Computed.GetProperty("tr31_tmk_computed").Text("block"), "--kcv", "000000", "--dev",
        ], new StringWriter(), error, CancellationToken.None);

        Assert.Equal(PosSimCommand.SetupFailed, exit);
        Assert.Contains("check value", error.ToString());
    }
}
