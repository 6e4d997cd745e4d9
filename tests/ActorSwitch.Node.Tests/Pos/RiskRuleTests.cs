using System.Net.Http.Json;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Testing;
using static ActorSwitch.Node.Tests.Pos.PosTestKit;

namespace ActorSwitch.Node.Tests.Pos;

/// <summary>
/// A node whose risk rules are tight enough to fire in a test, and with a legacy terminal model,
/// configured in HOCON as a site would.
/// </summary>
public sealed class TightRiskNode : IAsyncLifetime
{
    public const int LostCard = 9001;
    public const int StolenCard = 9002;

    public NodeProcess Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("actorswitch-risk-").FullName, "risk.conf");
        await File.WriteAllTextAsync(config, $$"""
            actorswitch.terminals.models = [ { name = "Legacy-DES", allow-single-des-sign-on = on } ]
            actorswitch.risk {
              card {
                daily-amount = 100000       # 1,000.00 CNY
                daily-count = 4
                velocity-count = 3
                velocity-window = 2s
              }
              blacklist = [
                { pan = "{{TestCards.Pan(LostCard)}}", reason = lost }
                { pan = "{{TestCards.Pan(StolenCard)}}", reason = stolen }
              ]
            }
            """);
        Node = await NodeProcess.StartAsync("--config", config);
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

/// <summary>Every risk rule, end to end: the terminal gets the rule's answer (each rule is unit-tested in RiskEngineTests).</summary>
public sealed class RiskRuleTests(TightRiskNode fixture) : IClassFixture<TightRiskNode>
{
    private NodeProcess Node => fixture.Node;

    [Fact]
    public async Task A_frozen_terminal_is_58_until_reactivated()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var path = $"/api/merchants/{terminal.Options.MerchantId}/terminals/{terminal.Options.TerminalId}";
        await Node.Http.PostAsync(path + "/freeze", null);
        Assert.Equal("58", (await terminal.PurchaseAsync(Card(NewCardSerial()), 100)).ResponseCode);
        await Node.Http.PostAsync(path + "/reactivate", null);
        Assert.Equal("00", (await terminal.PurchaseAsync(Card(NewCardSerial()), 100)).ResponseCode);
    }

    [Fact]
    public async Task A_frozen_merchant_is_03()
    {
        await using var terminal = await NewTerminalAsync(Node);
        await Node.Http.PostAsync($"/api/merchants/{terminal.Options.MerchantId}/freeze", null);
        Assert.Equal("03", (await terminal.PurchaseAsync(Card(NewCardSerial()), 100)).ResponseCode);
    }

    [Fact]
    public async Task Above_the_per_transaction_limit_of_the_category_is_61()
    {
        await using var terminal = await NewTerminalAsync(Node, mcc: "5812"); // restaurants: 10,000.00 CNY
        Assert.Equal("61", (await terminal.PurchaseAsync(Card(NewCardSerial()), 1_000_001)).ResponseCode);
    }

    [Fact]
    public async Task The_daily_amount_per_card_is_61()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var card = Card(NewCardSerial());
        Assert.Equal("00", (await terminal.PurchaseAsync(card, 60_000)).ResponseCode);
        Assert.Equal("61", (await terminal.PurchaseAsync(card, 50_000)).ResponseCode);
    }

    [Fact]
    public async Task Velocity_and_the_daily_count_per_card_are_65()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var card = Card(NewCardSerial());
        for (var i = 0; i < 3; i++) Assert.Equal("00", (await terminal.PurchaseAsync(card, 100)).ResponseCode);
        Assert.Equal("65", (await terminal.PurchaseAsync(card, 100)).ResponseCode); // 4 attempts in 2 s
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        Assert.Equal("00", (await terminal.PurchaseAsync(card, 100)).ResponseCode); // 4th approval of the day
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        Assert.Equal("65", (await terminal.PurchaseAsync(card, 100)).ResponseCode); // daily count reached
    }

    [Fact]
    public async Task Lost_and_stolen_cards_are_41_and_43()
    {
        await using var terminal = await NewTerminalAsync(Node);
        Assert.Equal("41", (await terminal.PurchaseAsync(Card(TightRiskNode.LostCard), 100)).ResponseCode);
        Assert.Equal("43", (await terminal.BalanceInquiryAsync(Card(TightRiskNode.StolenCard))).ResponseCode);
    }

    [Fact]
    public async Task A_transaction_the_category_may_not_take_is_57()
    {
        await using var terminal = await NewTerminalAsync(Node, mcc: "7995"); // betting: no pre-authorisations
        Assert.Equal("57", (await terminal.PreAuthorizeAsync(Card(NewCardSerial()), 100)).ResponseCode);
    }

    [Fact]
    public async Task Outside_trading_hours_is_58()
    {
        // A window that closed an hour ago and opens in an hour, in the province's time.
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var config = Path.Combine(Directory.CreateTempSubdirectory("actorswitch-hours-").FullName, "hours.conf");
        await File.WriteAllTextAsync(config, $"actorswitch.risk.trading-hours {{ enabled = on, start = \"{local.AddHours(1):HH:mm}\", end = \"{local.AddHours(-1):HH:mm}\" }}");
        await using var node = await NodeProcess.StartAsync("--config", config);
        await using var terminal = await NewTerminalAsync(node);
        Assert.Equal("58", (await terminal.PurchaseAsync(Card(NewCardSerial()), 100)).ResponseCode);
    }
}
