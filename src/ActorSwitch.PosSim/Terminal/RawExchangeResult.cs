using ActorSwitch.Iso8583;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// What came back for a frame sent as it was: the first frame the switch sent (without its length prefix)
/// and its parse when it parses, or the fact that nothing came (timeout, connection closed).
/// </summary>
public sealed record RawExchangeResult(ExchangeOutcome Outcome, byte[]? AnswerFrame, IsoMessage? Answer, IsoError? AnswerError);
