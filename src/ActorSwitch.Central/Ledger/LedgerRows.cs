namespace ActorSwitch.Central.Ledger;

// Immutable snapshots of what a decision changed, taken under the ledger's lock and written by the
// group-commit writer outside it. A record changed twice in one batch is written twice, in order.

/// <summary>One leg of a double-entry posting; every entry's legs have equal debits and credits. An entry
/// is (transaction, kind of entry); it moves each account at most once, so the leg's key is (entry, account).</summary>
public readonly record struct PostingRow(long TransactionId, string Entry, long AccountId, long DebitFen, long CreditFen);

/// <summary>An account's balance (and, for a card, its wrong-PIN count) after a decision.</summary>
public readonly record struct AccountRow(long Id, AccountKind Kind, string Name, long BalanceFen, int WrongPinCount);

/// <summary>A transaction's columns after a decision (or as loaded at start).</summary>
public sealed record TransactionRow
{
    public required long Id { get; init; }
    public required string Acquirer { get; init; }
    public required string Rrn { get; init; }
    public TransactionKind Kind { get; init; }
    public int Mti { get; init; }
    public string ProcessingCode { get; init; } = "";
    public int ConditionCode { get; init; }
    public long AmountFen { get; init; }
    public string? Currency { get; init; }
    public string? MerchantId { get; init; }
    public string? TerminalId { get; init; }
    public string? Mcc { get; init; }
    public string? MaskedPan { get; init; }
    public long? CardAccountId { get; init; }
    public int Trace { get; init; }
    public string? Transmitted { get; init; }
    public DateTimeOffset DecidedAt { get; init; }
    public string ResponseCode { get; init; } = "";
    public string? AuthCode { get; init; }
    public DateOnly SettlementDate { get; init; }
    public long? BalanceFen { get; init; }
    public long? OriginalId { get; init; }
    public long ConsumedHoldFen { get; init; }
    public long HoldFen { get; init; }
    public long RefundedFen { get; init; }
    public long? ClosedById { get; init; }
    public long? VoidedById { get; init; }
    public bool Reversed { get; init; }
    public string? ReversalResponseCode { get; init; }
    public DateOnly? ReversalSettlementDate { get; init; }

    public static TransactionRow From(TransactionRecord r) => new()
    {
        Id = r.Id, Acquirer = r.Acquirer, Rrn = r.Rrn, Kind = r.Kind, Mti = r.Mti, ProcessingCode = r.ProcessingCode,
        ConditionCode = r.ConditionCode, AmountFen = r.AmountFen, Currency = r.Currency, MerchantId = r.MerchantId,
        TerminalId = r.TerminalId, Mcc = r.Mcc, MaskedPan = r.MaskedPan, CardAccountId = r.Card?.Id, Trace = r.Trace,
        Transmitted = r.Transmitted, DecidedAt = r.DecidedAt, ResponseCode = r.ResponseCode, AuthCode = r.AuthCode,
        SettlementDate = r.SettlementDate, BalanceFen = r.BalanceFen, OriginalId = r.Original?.Id,
        ConsumedHoldFen = r.ConsumedHoldFen, HoldFen = r.HoldFen, RefundedFen = r.RefundedFen, ClosedById = r.ClosedBy?.Id,
        VoidedById = r.VoidedBy?.Id, Reversed = r.Reversed, ReversalResponseCode = r.ReversalResponseCode,
        ReversalSettlementDate = r.ReversalSettlementDate,
    };
}
