using ActorSwitch.Switch.Pos;
using ActorSwitch.Switch.Registry;
using ActorSwitch.Switch.Risk;

namespace ActorSwitch.Switch.Tests;

/// <summary>Each risk rule fires with its answer, and only when it should.</summary>
public sealed class RiskEngineTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 4, 0, 0, TimeSpan.Zero); // 12:00 in Shanghai
    private static readonly DateOnly Day = new(2026, 11, 26);
    private static readonly Terminal ActiveTerminal = new("309310083985008", "50080001", "PAX", Frozen: false);
    private static readonly Merchant Supermarket = new("309310083985008", "Shop", "5411", 60, Frozen: false);

    private static readonly RiskSettings Settings = new()
    {
        TradingHours = (new TimeOnly(6, 0), new TimeOnly(23, 0)),
        DefaultTransactionLimit = 5_000_000,
        TransactionLimitByMcc = new Dictionary<string, long> { ["5411"] = 2_000_000 },
        CardDailyAmount = 3_000_000,
        CardDailyCount = 3,
        CardVelocityCount = 2,
        CardVelocityWindow = TimeSpan.FromMinutes(1),
        ForbiddenKindsByMcc = new Dictionary<string, IReadOnlySet<string>> { ["7995"] = new HashSet<string> { "Refund" } },
    };

    private readonly CardBlacklist _blacklist = new();
    private readonly RiskEngine _engine;

    public RiskEngineTests() => _engine = new RiskEngine(Settings, _blacklist, new CardActivity(), Shanghai);

    private RiskDecision Purchase(string card, long amount, DateTimeOffset? at = null, Terminal? terminal = null, Merchant? merchant = null) =>
        _engine.Evaluate(terminal ?? ActiveTerminal, merchant ?? Supermarket, PosMessageKind.Purchase, card, amount, Day, at ?? Noon);

    [Fact]
    public void A_frozen_terminal_is_58() =>
        Assert.Equal("58", Purchase("card-a", 100, terminal: ActiveTerminal with { Frozen = true }).ResponseCode);

    [Fact]
    public void A_frozen_merchant_is_03() =>
        Assert.Equal("03", Purchase("card-a", 100, merchant: Supermarket with { Frozen = true }).ResponseCode);

    [Fact]
    public void Above_the_merchant_category_limit_is_61()
    {
        Assert.True(Purchase("card-a", 2_000_000).Passed);
        Assert.Equal(RiskRule.TransactionLimit, Purchase("card-b", 2_000_001).Rule);
        Assert.Equal("61", Purchase("card-b", 2_000_001).ResponseCode);
        // Another category falls back to the default limit.
        Assert.True(Purchase("card-c", 2_500_000, merchant: Supermarket with { Mcc = "5999" }).Passed);
    }

    [Fact]
    public void The_daily_amount_per_card_is_61()
    {
        _engine.RecordApproval(PosMessageKind.Purchase, "card-a", 2_000_000, Day);
        var decision = Purchase("card-a", 1_500_000);
        Assert.Equal(RiskRule.CardDailyAmount, decision.Rule);
        Assert.Equal("61", decision.ResponseCode);
        // The next settlement day starts afresh.
        Assert.True(_engine.Evaluate(ActiveTerminal, Supermarket, PosMessageKind.Purchase, "card-a", 1_500_000, Day.AddDays(1), Noon.AddDays(1)).Passed);
    }

    [Fact]
    public void The_daily_count_per_card_is_65()
    {
        for (var i = 0; i < 3; i++) _engine.RecordApproval(PosMessageKind.Purchase, "card-a", 100, Day);
        var decision = Purchase("card-a", 100, Noon.AddHours(2));
        Assert.Equal(RiskRule.CardDailyCount, decision.Rule);
        Assert.Equal("65", decision.ResponseCode);
    }

    [Fact]
    public void Velocity_per_card_is_65_within_the_window_and_passes_after_it()
    {
        Assert.True(Purchase("card-a", 100, Noon).Passed);
        Assert.True(Purchase("card-a", 100, Noon.AddSeconds(10)).Passed);
        var third = Purchase("card-a", 100, Noon.AddSeconds(20));
        Assert.Equal(RiskRule.CardVelocity, third.Rule);
        Assert.Equal("65", third.ResponseCode);
        Assert.True(Purchase("card-a", 100, Noon.AddSeconds(61)).Passed);
    }

    [Fact]
    public void Lost_and_stolen_cards_are_41_and_43()
    {
        _blacklist.Add("card-lost", BlacklistReason.Lost);
        _blacklist.Add("card-stolen", BlacklistReason.Stolen);
        Assert.Equal("41", Purchase("card-lost", 100).ResponseCode);
        Assert.Equal("43", Purchase("card-stolen", 100).ResponseCode);
        // Even a balance inquiry.
        Assert.Equal("43", _engine.Evaluate(ActiveTerminal, Supermarket, PosMessageKind.BalanceInquiry, "card-stolen", 0, Day, Noon).ResponseCode);
    }

    [Theory]
    [InlineData(21, 59, true)]   // 05:59 local: before opening
    [InlineData(22, 0, false)]   // 06:00 local: open
    [InlineData(14, 59, false)]  // 22:59 local
    [InlineData(15, 0, true)]    // 23:00 local: closed
    public void Outside_trading_hours_is_58(int utcHour, int minute, bool outside)
    {
        var at = new DateTimeOffset(2026, 11, 26, utcHour, minute, 0, TimeSpan.Zero);
        var decision = Purchase("card-" + utcHour + minute, 100, at);
        Assert.Equal(outside ? RiskRule.OutsideTradingHours : RiskRule.None, decision.Rule);
        if (outside) Assert.Equal("58", decision.ResponseCode);
    }

    [Fact]
    public void A_transaction_the_merchant_category_may_not_take_is_57()
    {
        var betting = Supermarket with { Mcc = "7995" };
        var refund = _engine.Evaluate(ActiveTerminal, betting, PosMessageKind.Refund, "card-a", 100, Day, Noon);
        Assert.Equal(RiskRule.MccNotAllowed, refund.Rule);
        Assert.Equal("57", refund.ResponseCode);
        Assert.True(Purchase("card-a", 100, merchant: betting).Passed);
    }

    [Fact]
    public void A_released_approval_gives_the_amount_back()
    {
        _engine.RecordApproval(PosMessageKind.Purchase, "card-a", 2_000_000, Day);
        _engine.ReleaseApproval(PosMessageKind.Purchase, "card-a", 2_000_000, Day);
        Assert.True(Purchase("card-a", 2_000_000).Passed);
    }
}
