namespace ActorSwitch.Central.Ledger;

/// <summary>
/// A financial transaction the centre decided, identified by (acquirer F32, RRN F37). It holds the stored
/// answer (so that a repeat gets exactly the same), what the transaction did to its original, and its
/// reversal. Mutated only under the ledger's lock; every change is written as a <see cref="TransactionRow"/>.
/// </summary>
public sealed class TransactionRecord(long id, string acquirer, string rrn)
{
    public long Id { get; } = id;
    public string Acquirer { get; } = acquirer;
    public string Rrn { get; } = rrn;

    // What was asked (empty while only a reversal has been seen).
    public TransactionKind Kind { get; set; }
    public int Mti { get; set; }
    public string ProcessingCode { get; set; } = "";
    public int ConditionCode { get; set; }
    public long AmountFen { get; set; }
    public string? Currency { get; set; }
    public string? MerchantId { get; set; }
    public string? TerminalId { get; set; }
    public string? Mcc { get; set; }
    public string? MaskedPan { get; set; }
    public CardAccount? Card { get; set; }
    public int Trace { get; set; }
    /// <summary>F7 of the request (MMDDhhmmss), part of the F90 identity of an original.</summary>
    public string? Transmitted { get; set; }
    public DateTimeOffset DecidedAt { get; set; }

    // The stored answer.
    public string ResponseCode { get; set; } = "";
    public string? AuthCode { get; set; }
    public DateOnly SettlementDate { get; set; }
    /// <summary>Available balance answered to a balance inquiry.</summary>
    public long? BalanceFen { get; set; }

    // Links and state.
    public TransactionRecord? Original { get; set; }
    /// <summary>Completion: the hold it consumed (its postings release the whole hold).</summary>
    public long ConsumedHoldFen { get; set; }
    /// <summary>Pre-authorisation: the amount still held (0 once completed, cancelled or reversed).</summary>
    public long HoldFen { get; set; }
    /// <summary>Purchase or completion: the sum of approved refunds naming it.</summary>
    public long RefundedFen { get; set; }
    /// <summary>Pre-authorisation: the completion or cancel that closed it.</summary>
    public TransactionRecord? ClosedBy { get; set; }
    /// <summary>Purchase or completion: the void that undid it.</summary>
    public TransactionRecord? VoidedBy { get; set; }

    // The reversal (0420/0421 with this RRN).
    public bool Reversed { get; set; }
    public string? ReversalResponseCode { get; set; }
    public DateOnly? ReversalSettlementDate { get; set; }

    public bool IsApproved => ResponseCode == ResponseCodes.Approved;

    /// <summary>Approved and neither reversed nor voided: its postings stand.</summary>
    public bool IsInEffect => IsApproved && !Reversed && VoidedBy is null;

    /// <summary>Only a reversal has been seen: a late original is declined 12.</summary>
    public bool IsReversalOnly => Kind == TransactionKind.Unknown;

    internal TransactionRow ToRow() => TransactionRow.From(this);
}
