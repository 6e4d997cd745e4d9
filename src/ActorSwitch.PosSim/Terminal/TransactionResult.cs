using ActorSwitch.Iso8583;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// One exchange with the switch: the request exactly as sent (parsed back from the frame written, MAC
/// included) and, when one came, the decoded answer and the fields a terminal acts on. Follow-up calls
/// (void, refund, reversal, completion, repeat) take a result as their original.
/// </summary>
public record TransactionResult
{
    public required TransactionKind Kind { get; init; }

    public required ExchangeOutcome Outcome { get; init; }

    /// <summary>The request as it went on the wire.</summary>
    public required IsoMessage Request { get; init; }

    /// <summary>The transaction this one follows up (void, refund, reversal, pre-authorisation cancel or completion).</summary>
    public TransactionResult? Original { get; init; }

    /// <summary>The card the request was made with (null for management and batch messages).</summary>
    public Card? Card { get; init; }

    /// <summary>F11 of the request.</summary>
    public int Trace { get; init; }

    /// <summary>60.2 of the request.</summary>
    public int Batch { get; init; }

    /// <summary>F4 of the request in fen (0 when it has none).</summary>
    public long Amount { get; init; }

    /// <summary>When the terminal sent it, on the terminal's clock.</summary>
    public DateTimeOffset SentAt { get; init; }

    /// <summary>The decoded answer; null unless <see cref="Outcome"/> is Answered (or MalformedAnswer, partly decoded).</summary>
    public IsoMessage? Answer { get; init; }

    /// <summary>Why the answer did not parse (MalformedAnswer only).</summary>
    public IsoError? AnswerError { get; init; }

    /// <summary>F39.</summary>
    public string? ResponseCode { get; init; }

    /// <summary>F37, the retrieval reference number.</summary>
    public string? RetrievalReference { get; init; }

    /// <summary>F38, the authorisation code.</summary>
    public string? AuthorizationCode { get; init; }

    /// <summary>F15, the settlement date MMDD.</summary>
    public string? SettlementDate { get; init; }

    /// <summary>F13 of the answer (the switch's date MMDD), else the terminal's date when sent: the
    /// "original date" that refunds and pre-authorisation follow-ups quote in 61.3.</summary>
    public string TransactionDate { get; init; } = "";

    /// <summary>F54 parsed (balance inquiries).</summary>
    public Balance? Balance { get; init; }

    /// <summary>What F64 of the answer showed.</summary>
    public MacStatus AnswerMac { get; init; }

    /// <summary>True when the answer's TPDU is the request's with destination and source swapped.</summary>
    public bool AnswerTpduSwapped { get; init; }

    /// <summary>The processing requirement of the answer's header (0 none, 3 sign on again, ...); -1 without an answer.</summary>
    public int ProcessingRequirement { get; init; } = -1;

    /// <summary>A reversal answered 00, 12 or 25 (with no MAC failure) is complete for the terminal (section 4).</summary>
    public bool CompletesReversal => Kind == TransactionKind.Reversal && Outcome == ExchangeOutcome.Answered
        && ResponseCode is "00" or "12" or "25" && AnswerMac != MacStatus.Invalid;

    /// <summary>True when the answer's MAC verified.</summary>
    public bool MacVerified => AnswerMac == MacStatus.Valid;

    /// <summary>Answered 00, with a MAC that verifies where the dialect requires one.</summary>
    public bool IsApproved => Outcome == ExchangeOutcome.Answered && ResponseCode == "00"
        && (AnswerMac == MacStatus.Valid || (AnswerMac == MacStatus.Absent && !Kind.CarriesMac()));
}
