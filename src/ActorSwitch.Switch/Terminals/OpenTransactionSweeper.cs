using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorSwitch.Switch.Terminals;

/// <summary>
/// Makes "on recovery, reverse whatever was forwarded with no known outcome" hold even for a terminal
/// that never comes back after a crash: its entity would otherwise never recover. One per cluster (a
/// singleton). It reads the journal's transaction events in order from its checkpoint, finds the
/// transactions started and never resolved for longer than the answer deadline, and wakes their
/// terminals' entities, whose recovery reverses them. The checkpoint (everything before it is
/// resolved) is persisted, so each sweep reads only what is new.
/// </summary>
public sealed class OpenTransactionSweeper : ReceivePersistentActor, IWithTimers
{
    public const string PersistenceIdValue = "open-transaction-sweeper";

    private readonly IActorRef _terminals;
    private readonly TimeSpan _grace;
    private readonly TimeProvider _time;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _checkpoint;
    private bool _sweeping;

    public OpenTransactionSweeper(IActorRef terminals, TimeSpan grace, TimeSpan interval, TimeProvider time)
    {
        _terminals = terminals;
        _grace = grace;
        _time = time;
        Recover<SweepCheckpoint>(c => _checkpoint = c.Offset);
        Recover<SnapshotOffer>(s => _checkpoint = ((SweepCheckpoint)s.Snapshot).Offset);
        Command<Sweep>(_ => StartSweep());
        Command<SweepDone>(OnSweepDone);
        Command<Status.Failure>(f =>
        {
            _sweeping = false;
            _log.Warning(f.Cause, "Open-transaction sweep failed; trying again at the next interval");
        });
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(_ => { });
        Timers.StartPeriodicTimer("sweep", Sweep.Instance, TimeSpan.FromSeconds(5), interval);
    }

    public override string PersistenceId => PersistenceIdValue;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef terminals, TimeSpan grace, TimeSpan interval, TimeProvider? time = null) =>
        Akka.Actor.Props.Create(() => new OpenTransactionSweeper(terminals, grace, interval, time ?? TimeProvider.System));

    private void StartSweep()
    {
        if (_sweeping) return;
        _sweeping = true;
        var journal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var from = _checkpoint;
        journal.CurrentEventsByTag(TransactionTagger.Tag, Offset.Sequence(from))
            .RunAggregate(new SweepState(from), (state, envelope) => state.Add(envelope), Context.Materializer())
            .PipeTo(Self, success: state => new SweepDone(state));
    }

    private void OnSweepDone(SweepDone done)
    {
        _sweeping = false;
        var state = done.State;
        var cutoff = _time.GetUtcNow() - _grace;
        var stuck = state.Open.Values.Where(o => o.At < cutoff).ToList();
        foreach (var entity in stuck.Select(o => o.EntityId).Distinct())
        {
            _log.Warning("Open-transaction sweep: terminal {0} has a transaction forwarded with no outcome; waking it to reverse", entity);
            _terminals.Tell(new WakeTerminal(entity));
        }
        // Everything before the oldest still-open transaction is resolved: sweep from there next time.
        var next = state.Open.Count == 0 ? state.MaxOffset : state.Open.Values.Min(o => o.Offset) - 1;
        if (next <= _checkpoint) return;
        Persist(new SweepCheckpoint(next), c =>
        {
            _checkpoint = c.Offset;
            if (LastSequenceNr % 100 == 0) SaveSnapshot(c);
        });
    }

    private sealed class SweepState(long from)
    {
        public Dictionary<string, OpenTransaction> Open { get; } = new(StringComparer.Ordinal);
        public long MaxOffset { get; private set; } = from;

        public SweepState Add(EventEnvelope envelope)
        {
            var offset = ((Sequence)envelope.Offset).Value;
            MaxOffset = Math.Max(MaxOffset, offset);
            switch (envelope.Event)
            {
                case TransactionStarted s when s.Transaction.Kind is var kind && !Pos.PosMessageKinds.IsAdvice(kind):
                    Open[s.Transaction.Rrn] = new OpenTransaction(TerminalEntity.EntityIdOf(envelope.PersistenceId), s.Transaction.At, offset);
                    break;
                case TransactionCompleted c:
                    Open.Remove(c.Rrn);
                    break;
                case TransactionTimedOut t:
                    Open.Remove(t.Rrn);
                    break;
                case TransactionReversed r:
                    Open.Remove(r.Rrn);
                    break;
            }
            return this;
        }
    }

    private sealed record OpenTransaction(string EntityId, DateTimeOffset At, long Offset);

    private sealed record SweepDone(SweepState State);

    private sealed record Sweep
    {
        public static readonly Sweep Instance = new();
    }
}

/// <summary>Every transaction event before this journal offset is resolved.</summary>
public sealed record SweepCheckpoint(long Offset);
