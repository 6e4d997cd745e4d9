namespace ActorSwitch.Central.Ledger;

/// <summary>
/// Everything decided since the previous group commit: the rows to write in one SQLite transaction, and
/// a task that completes when they are durable. Every answer of a decision in this batch (and every
/// repeat answered from a record in this or an earlier batch) waits for <see cref="Committed"/>.
/// Filled under the ledger's lock; read by the writer only after it has been taken out of the ledger.
/// </summary>
public sealed class CommitBatch
{
    private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<TransactionRow> Transactions { get; } = [];
    public List<PostingRow> Postings { get; } = [];
    public List<AccountRow> Accounts { get; } = [];

    /// <summary>Number of decisions (and stored answers) waiting on this batch.</summary>
    public int Decisions { get; internal set; }

    /// <summary>Set once the writer has been woken for this batch.</summary>
    internal bool WriterSignalled { get; set; }

    public bool HasRows => Transactions.Count + Postings.Count + Accounts.Count > 0;

    /// <summary>Completes when the batch's rows are committed; faults when the commit failed (nothing
    /// decided in the batch may then be answered).</summary>
    public Task Committed => _committed.Task;

    internal void MarkCommitted() => _committed.TrySetResult();

    internal void MarkFailed(Exception error) => _committed.TrySetException(error);
}
