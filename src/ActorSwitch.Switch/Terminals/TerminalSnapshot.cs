namespace ActorSwitch.Switch.Terminals;

/// <summary>
/// A terminal's state as it stands, so recovery need not replay its whole journal. Settled batches and
/// purse records travel as their own events (settlement, uploads, end; accepted and rejected records),
/// replayed on restore.
/// </summary>
public sealed record TerminalSnapshot(
    string? TmkBlock,
    string? PinKeyBlock,
    string? MacKeyBlock,
    string? TrackKeyBlock,
    int Batch,
    IReadOnlyList<TransactionSnapshot> Transactions,
    IReadOnlyList<ITerminalEvent> BatchEvents);

/// <summary>One remembered transaction: its record and where it stands.</summary>
public sealed record TransactionSnapshot(
    TransactionRecord Record,
    TransactionStatus Status,
    string? ResponseCode,
    string? AuthCode,
    string? Balance,
    bool TimedOut,
    bool HandedToStoreAndForward,
    int ReversalTrace,
    int ReversalBatch);
