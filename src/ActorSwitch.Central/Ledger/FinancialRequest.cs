namespace ActorSwitch.Central.Ledger;

/// <summary>
/// A financial request as the ledger needs it, read from the wire by the network layer. The clear PAN
/// never reaches the ledger: only the card found by its token, and the masked PAN.
/// </summary>
public sealed class FinancialRequest
{
    public required string Acquirer { get; init; }
    public required string Rrn { get; init; }
    public required int Mti { get; init; }
    public bool IsReversal => Mti is 420 or 421;
    /// <summary>The transaction (for a reversal: unknown until its original is found).</summary>
    public TransactionKind Kind { get; init; }
    public string ProcessingCode { get; init; } = "";
    public int ConditionCode { get; init; }
    public long AmountFen { get; init; }
    public string? Currency { get; init; }
    public string? MerchantId { get; init; }
    public string? TerminalId { get; init; }
    public string? Mcc { get; init; }
    public string? MaskedPan { get; init; }
    /// <summary>The card of F2, found by its token before the ledger's lock; null when unknown.</summary>
    public CardAccount? Card { get; init; }
    public int Trace { get; init; }
    public string? Transmitted { get; init; }
    /// <summary>F61: the original's RRN, how voids, completions, cancels and refunds name their original.</summary>
    public string? OriginalRrn { get; init; }
}

/// <summary>The outcome of the PIN check done before the ledger's lock (the security module needs no lock).</summary>
public enum PinCheck
{
    /// <summary>No F52: the transaction goes without a PIN.</summary>
    NotPresent,
    Verified,
    Mismatch,
    /// <summary>The PIN block does not decode for the PAN (answer 99).</summary>
    InvalidBlock,
}

/// <summary>What the centre answers, and the batch whose commit the answer must wait for.</summary>
public readonly record struct Decision(string ResponseCode, string? AuthCode, DateOnly SettlementDate, long? BalanceFen, CommitBatch Batch);
