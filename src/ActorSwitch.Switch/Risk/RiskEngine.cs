using ActorSwitch.Switch.Pos;
using ActorSwitch.Switch.Registry;

namespace ActorSwitch.Switch.Risk;

/// <summary>
/// Evaluates the risk rules before a request is routed to the centre. Cheap checks first; the
/// card's counters last, because passing them counts the attempt.
/// </summary>
public sealed class RiskEngine(RiskSettings settings, CardBlacklist blacklist, CardActivity activity, TimeZoneInfo zone)
{
    public RiskSettings Settings { get; } = settings;

    public RiskDecision Evaluate(Terminal terminal, Merchant merchant, PosMessageKind kind, string panToken, long amount,
        DateOnly settlementDay, DateTimeOffset now)
    {
        if (terminal.Frozen) return RiskDecision.Decline(RiskRule.TerminalFrozen);
        if (merchant.Frozen) return RiskDecision.Decline(RiskRule.MerchantFrozen);
        if (blacklist.Find(panToken) is { } reason)
            return RiskDecision.Decline(reason == BlacklistReason.Stolen ? RiskRule.CardStolen : RiskRule.CardLost);
        if (Settings.TradingHours is { } hours && !Within(hours, TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime)))
            return RiskDecision.Decline(RiskRule.OutsideTradingHours);
        if (Settings.ForbiddenKindsByMcc.TryGetValue(merchant.Mcc, out var forbidden) && forbidden.Contains(kind.ToString()))
            return RiskDecision.Decline(RiskRule.MccNotAllowed);
        if (!IsDebit(kind)) return RiskDecision.Pass;
        if (amount > Settings.TransactionLimitFor(merchant.Mcc)) return RiskDecision.Decline(RiskRule.TransactionLimit);
        return activity.TryAttempt(panToken, amount, settlementDay, now, Settings);
    }

    public void RecordApproval(PosMessageKind kind, string panToken, long amount, DateOnly day)
    {
        if (IsDebit(kind)) activity.RecordApproval(panToken, amount, day);
    }

    public void ReleaseApproval(PosMessageKind kind, string panToken, long amount, DateOnly day)
    {
        if (IsDebit(kind)) activity.ReleaseApproval(panToken, amount, day);
    }

    /// <summary>Transactions that take money from the card and so count against its limits.</summary>
    public static bool IsDebit(PosMessageKind kind) => kind is PosMessageKind.Purchase or PosMessageKind.PreAuthorisation
        or PosMessageKind.PreAuthorisationCompletion or PosMessageKind.OfflineSettlement;

    private static bool Within((TimeOnly Start, TimeOnly End) hours, TimeOnly local) =>
        hours.Start <= hours.End
            ? local >= hours.Start && local < hours.End
            : local >= hours.Start || local < hours.End; // a window across midnight
}
