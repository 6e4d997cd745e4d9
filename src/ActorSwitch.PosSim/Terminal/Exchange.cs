using ActorSwitch.Iso8583;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>The raw outcome of one request on the wire, before the terminal reads the answer's fields.</summary>
internal readonly record struct Exchange(ExchangeOutcome Outcome, IsoMessage? Answer, IsoError? AnswerError, DateTimeOffset SentAt);
