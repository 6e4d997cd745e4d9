using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Security.SignOn;
using ActorSwitch.Testing;
using static ActorSwitch.Node.Tests.Pos.PosTestKit;

namespace ActorSwitch.Node.Tests.Pos;

/// <summary>Keys over a terminal's life: legacy sign-on by model, the sign-on rate limit, TMK rotation.</summary>
public sealed class TerminalLifecycleTests(TightRiskNode fixture) : IClassFixture<TightRiskNode>
{
    private NodeProcess Node => fixture.Node;

    [Fact]
    public async Task A_model_configured_for_it_may_sign_on_with_single_des_keys()
    {
        await using var terminal = await NewTerminalAsync(Node, model: "Legacy-DES", layout: SignOnKeyLayout.SingleLength, signOn: false);
        var signOn = await terminal.SignOnAsync();
        Assert.Equal("00", signOn.ResponseCode);
        Assert.Equal(SignOnKeyStatus.Installed, signOn.KeyStatus);
        Assert.Equal("00", (await terminal.PurchaseAsync(Card(NewCardSerial()), 100)).ResponseCode);
    }

    [Fact]
    public async Task More_than_ten_sign_ons_in_a_minute_are_65()
    {
        await using var terminal = await NewTerminalAsync(Node); // one sign-on
        for (var i = 0; i < 9; i++) Assert.Equal("00", (await terminal.SignOnAsync()).ResponseCode);
        Assert.Equal("65", (await terminal.SignOnAsync()).ResponseCode);
        // The keys of the last accepted sign-on still work.
        Assert.Equal("00", (await terminal.PurchaseAsync(Card(NewCardSerial()), 100)).ResponseCode);
    }

    [Fact]
    public async Task A_rotated_master_key_voids_the_working_keys_until_the_terminal_signs_on_with_the_new_one()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var newKey = await FetchMasterKeyAsync(Node, terminal.Options.MerchantId, terminal.Options.TerminalId);

        var refused = await terminal.PurchaseAsync(Card(NewCardSerial()), 100);
        Assert.Equal("A0", refused.ResponseCode);
        Assert.Equal(3, refused.ProcessingRequirement); // sign on again

        await using var reloaded = new PosTerminal(terminal.Options with { LastTrace = terminal.LastTrace }, newKey);
        Assert.True(await reloaded.ConnectAsync());
        Assert.Equal("00", (await reloaded.SignOnAsync()).ResponseCode);
        Assert.Equal("00", (await reloaded.PurchaseAsync(Card(NewCardSerial()), 100)).ResponseCode);
    }
}

/// <summary>The POS port's limits: idle connections are closed, and connections beyond the maximum are refused.</summary>
public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task Idle_connections_are_closed_and_connections_beyond_the_maximum_are_refused()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("actorswitch-limits-").FullName, "limits.conf");
        await File.WriteAllTextAsync(config, "actorswitch.pos { idle-timeout = 2s, max-connections = 2 }");
        await using var node = await NodeProcess.StartAsync("--config", config);

        await using var first = await NewTerminalAsync(node);
        await using var second = await NewTerminalAsync(node);
        await using var third = new PosTerminal(Options(node, first.Options.MerchantId, NewTerminalId()), TerminalMasterKey.FromClear(new byte[16]));
        Assert.True(await third.ConnectAsync());
        // An echo of an unregistered terminal would be answered 97 on an accepted connection.
        var refused = await third.SendRawAsync(UnregisteredEcho);
        Assert.Equal(ExchangeOutcome.ConnectionClosed, refused.Outcome);

        // Two seconds of silence and the node closes the first two as well.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var late = await first.SendRawAsync(UnregisteredEcho);
        Assert.Equal(ExchangeOutcome.ConnectionClosed, late.Outcome);

        // A fresh connection is served again.
        await using var fresh = new PosTerminal(Options(node, first.Options.MerchantId, NewTerminalId()), TerminalMasterKey.FromClear(new byte[16]));
        Assert.True(await fresh.ConnectAsync());
        Assert.Equal("97", (await fresh.SendRawAsync(UnregisteredEcho)).Answer?.GetAscii(39));
    }

    // 0820 echo (60.3 = 301) of terminal 00000000 at merchant 000000000000000, which nobody registered.
    private static readonly byte[] UnregisteredEcho = Convert.FromHexString(
        "0037" + "6000030000" + "603100000000" + "0820" + "0020000000C00010" + "000001" +
        Convert.ToHexString("00000000"u8) + Convert.ToHexString("000000000000000"u8) + "0011000000000301");
}
