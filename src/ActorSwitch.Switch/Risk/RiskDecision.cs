using ActorSwitch.Switch.Pos;

namespace ActorSwitch.Switch.Risk;

/// <summary>The rules, each with the answer the terminal gets when it fires.</summary>
public enum RiskRule : byte
{
    None,
    TerminalFrozen,
    MerchantFrozen,
    TransactionLimit,
    CardDailyAmount,
    CardDailyCount,
    CardVelocity,
    CardLost,
    CardStolen,
    OutsideTradingHours,
    MccNotAllowed,
}

public readonly record struct RiskDecision(RiskRule Rule)
{
    public static readonly RiskDecision Pass = new(RiskRule.None);

    public static RiskDecision Decline(RiskRule rule) => new(rule);

    public bool Passed => Rule == RiskRule.None;

    public string ResponseCode => Rule switch
    {
        RiskRule.None => ResponseCodes.Approved,
        RiskRule.TerminalFrozen or RiskRule.OutsideTradingHours => ResponseCodes.NotPermittedToTerminal,
        RiskRule.MerchantFrozen => ResponseCodes.InvalidMerchant,
        RiskRule.TransactionLimit or RiskRule.CardDailyAmount => ResponseCodes.AmountLimitExceeded,
        RiskRule.CardDailyCount or RiskRule.CardVelocity => ResponseCodes.CountLimitExceeded,
        RiskRule.CardLost => ResponseCodes.LostCard,
        RiskRule.CardStolen => ResponseCodes.StolenCard,
        RiskRule.MccNotAllowed => ResponseCodes.NotPermittedToCardholder,
        _ => ResponseCodes.SystemMalfunction,
    };
}
