namespace ActorSwitch.Switch.Risk;

/// <summary>
/// The risk rules' parameters (HOCON <c>actorswitch.risk</c>; see hocon/switch.conf for the
/// production defaults and hocon/dev.conf for development). Amounts in fen.
/// </summary>
public sealed record RiskSettings
{
    /// <summary>Local trading hours in the province; null means no window (trading at any hour).</summary>
    public (TimeOnly Start, TimeOnly End)? TradingHours { get; init; }

    /// <summary>Per-transaction amount limit by merchant category; <see cref="DefaultTransactionLimit"/> for the others.</summary>
    public IReadOnlyDictionary<string, long> TransactionLimitByMcc { get; init; } = new Dictionary<string, long>();
    public long DefaultTransactionLimit { get; init; } = 5_000_000;

    public long CardDailyAmount { get; init; } = 5_000_000;
    public int CardDailyCount { get; init; } = 30;
    public int CardVelocityCount { get; init; } = 5;
    public TimeSpan CardVelocityWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Transactions a merchant category may not take (for example no refunds for gambling).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> ForbiddenKindsByMcc { get; init; } =
        new Dictionary<string, IReadOnlySet<string>>();

    public long TransactionLimitFor(string mcc) =>
        TransactionLimitByMcc.TryGetValue(mcc, out var limit) ? limit : DefaultTransactionLimit;
}
