using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ActorSwitch.Central.Ledger;

/// <summary>
/// The single writer of the ledger file. It takes the batch of everything decided since its previous
/// commit, writes it in one SQLite transaction, and only then releases the batch's answers. Batches
/// grow by themselves under load (everything decided while a commit is running goes into the next), so
/// no timer is needed: idle, a decision commits at once; busy, thousands share one fsync.
/// </summary>
public sealed class GroupCommitWriter : IDisposable
{
    private readonly LedgerEngine _ledger;
    private readonly LedgerStore _store;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private long _batches;
    private long _decisions;
    private long _commitTicks;
    private volatile Exception? _failure;

    public GroupCommitWriter(LedgerEngine ledger, LedgerStore store, ILogger<GroupCommitWriter> logger)
    {
        _ledger = ledger;
        _store = store;
        _logger = logger;
        _thread = new Thread(Run) { Name = "ledger group commit", IsBackground = true };
    }

    /// <summary>Set when a commit failed: the process must stop, since memory is ahead of the file.</summary>
    public Exception? Failure => _failure;

    public event Action<Exception>? Failed;

    public WriterStatistics Statistics => new(Interlocked.Read(ref _batches), Interlocked.Read(ref _decisions),
        TimeSpan.FromTicks(Interlocked.Read(ref _commitTicks)));

    public void Start() => _thread.Start();

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (!_ledger.WaitForWork(TimeSpan.FromMilliseconds(200))) continue;
            if (!CommitOne()) return;
        }
        // A graceful stop commits what was decided, so that no decision is lost without its answer.
        CommitOne();
    }

    private bool CommitOne()
    {
        var batch = _ledger.TakeBatch();
        try
        {
            var started = Stopwatch.GetTimestamp();
            if (batch.HasRows) _store.Write(batch);
            Interlocked.Add(ref _commitTicks, Stopwatch.GetElapsedTime(started).Ticks);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _decisions, batch.Decisions);
            batch.MarkCommitted();
            return true;
        }
        catch (Exception error)
        {
            _logger.LogCritical(error, "Ledger commit failed; no answer of the failed batch is sent and the simulator stops");
            _failure = error;
            batch.MarkFailed(error);
            Failed?.Invoke(error);
            return false;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive) _thread.Join(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}

public readonly record struct WriterStatistics(long Batches, long Decisions, TimeSpan CommitTime)
{
    public double AverageBatchSize => Batches == 0 ? 0 : (double)Decisions / Batches;
}
