namespace ActorSwitch.PosSim.Terminal;

/// <summary>Codes and the usual choice of reversal reason.</summary>
public static class ReversalReasons
{
    public static string Code(this ReversalReason reason) => reason switch
    {
        ReversalReason.NoAnswer => "98",
        ReversalReason.BadAnswerMac => "A0",
        ReversalReason.Other => "06",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    /// <summary>The reason a terminal gives when reversing <paramref name="original"/>: 98 when it got no
    /// answer, A0 when the answer's MAC failed, 06 otherwise.</summary>
    public static ReversalReason For(TransactionResult original)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (original.Outcome != ExchangeOutcome.Answered)
            return ReversalReason.NoAnswer;
        return original.AnswerMac == MacStatus.Invalid ? ReversalReason.BadAnswerMac : ReversalReason.Other;
    }
}
