namespace ActorSwitch.PosSim.Terminal;

/// <summary>Why the terminal reverses a transaction (F39 of the 0400).</summary>
public enum ReversalReason
{
    /// <summary>98: no answer within the terminal's timeout.</summary>
    NoAnswer,
    /// <summary>A0: the answer's MAC did not verify.</summary>
    BadAnswerMac,
    /// <summary>06: any other reason (e.g. the card could not be written, the cashier cancelled).</summary>
    Other,
}
