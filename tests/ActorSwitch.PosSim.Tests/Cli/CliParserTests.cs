using ActorSwitch.PosSim.Cli;
using ActorSwitch.Security.SignOn;

namespace ActorSwitch.PosSim.Tests.Cli;

public sealed class CliParserTests
{
    [Fact]
    public void The_documented_command_line_parses()
    {
        var options = CliParser.Parse([
            "--host", "127.0.0.1", "--port", "5800", "--merchant", "309310083985008", "--terminal", "50080001",
            "--tmk-block", "D0112K0TB00N0000", "--dev", "signon purchase:1234 balance void refund:500 reversal settle",
        ]);

        Assert.Equal(("127.0.0.1", 5800, "309310083985008", "50080001"), (options.Host, options.Port, options.MerchantId, options.TerminalId));
        Assert.True(options.Development);
        Assert.Equal(
            [ScriptVerb.SignOn, ScriptVerb.Purchase, ScriptVerb.Balance, ScriptVerb.Void, ScriptVerb.Refund, ScriptVerb.Reversal, ScriptVerb.Settle],
            options.Script.Select(step => step.Verb));
        Assert.Equal(1234, options.Script[1].Amount);
        Assert.Equal(500, options.Script[4].Amount);
        Assert.Null(options.Script[3].Amount);
    }

    [Fact]
    public void Options_take_inline_values_and_steps_may_be_separate_arguments()
    {
        var options = CliParser.Parse([
            "--merchant=309310083985008", "--terminal=50080001", "--tmk=0123456789ABCDEFFEDCBA9876543210",
            "--layout=004", "--timeout", "7", "signon", "offline:800:ab12", "reversal:a0",
        ]);

        Assert.Equal(SignOnKeyLayout.DoubleLengthWithTrackKey, options.Layout);
        Assert.Equal(TimeSpan.FromSeconds(7), options.AnswerTimeout);
        Assert.Equal(16, options.ClearTmk!.Length);
        Assert.Equal("AB12", options.Script[1].Argument);
        Assert.Equal("A0", options.Script[2].Argument);
    }

    [Fact]
    public void Without_steps_the_script_is_a_sign_on() =>
        Assert.Equal(ScriptVerb.SignOn, CliParser.Parse(["--merchant", "309310083985008", "--terminal", "50080001", "--tmk", "0123456789ABCDEFFEDCBA9876543210"]).Script.Single().Verb);

    [Theory]
    [InlineData("--terminal 50080001 --tmk 0123456789ABCDEFFEDCBA9876543210", "--merchant")]
    [InlineData("--merchant 309310083985008 --terminal 50080001", "one way")]
    [InlineData("--merchant 309310083985008 --terminal 50080001 --tmk-block D0112K0TB00N0000", "--kbpk")]
    [InlineData("--merchant 309310083985008 --terminal 50080001 --admin http://127.0.0.1:5880 --dev", "--token")]
    [InlineData("--merchant 309310083985008 --terminal 50080001 --tmk 0123 signon", "--tmk")]
    [InlineData("--merchant 309310083985008 --terminal 50080001 --tmk 0123456789ABCDEFFEDCBA9876543210 purchase", "needs an amount")]
    [InlineData("--merchant 309310083985008 --terminal 50080001 --tmk 0123456789ABCDEFFEDCBA9876543210 purchase:-5", "amount")]
    [InlineData("--merchant 309310083985008 --terminal 50080001 --tmk 0123456789ABCDEFFEDCBA9876543210 dance", "Unknown script step")]
    [InlineData("--merchant 309310083985008 --terminal 50080001 --tmk 0123456789ABCDEFFEDCBA9876543210 --port 70000", "--port")]
    [InlineData("--merchant 309310083985008 --terminal 50080001 --tmk 0123456789ABCDEFFEDCBA9876543210 --colour blue", "Unknown option")]
    [InlineData("--merchant 309310083985008 --terminal 50080001 --tmk 0123456789ABCDEFFEDCBA9876543210 --port", "needs a value")]
    public void A_wrong_command_line_says_what_is_wrong(string commandLine, string expected)
    {
        var e = Assert.Throws<CliUsageException>(() => CliParser.Parse(commandLine.Split(' ')));
        Assert.Contains(expected, e.Message);
    }
}
