namespace ActorSwitch.PosSim.Terminal;

/// <summary>How an exchange with the switch ended.</summary>
public enum ExchangeOutcome
{
    /// <summary>An answer to this request arrived and parsed.</summary>
    Answered,
    /// <summary>No answer within the terminal's timeout; the connection stays open (a late answer is discarded).</summary>
    TimedOut,
    /// <summary>The switch closed the connection (or it broke) before answering.</summary>
    ConnectionClosed,
    /// <summary>The terminal could not connect within its timeout.</summary>
    NotConnected,
    /// <summary>An answer arrived but does not parse (or its length prefix is invalid: the connection is closed).</summary>
    MalformedAnswer,
}
