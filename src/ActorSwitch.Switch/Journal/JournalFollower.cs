using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorSwitch.Switch.Journal;

/// <summary>
/// Follows one persistent actor's journal on every node (the actor itself runs on one node only, as a
/// singleton): first everything the journal holds (then <see cref="OnCaughtUp"/>), then new events as
/// the journal is polled. A failed query is retried from the event after the last one applied.
/// </summary>
public abstract class JournalFollower : ReceiveActor, IWithTimers
{
    private sealed record CaughtUp;

    private sealed record StreamEnded(Exception? Cause);

    private sealed record Restart;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(3);
    private readonly string _persistenceId;
    private readonly IMaterializer _materializer = Context.Materializer(); // the queries stop with the actor
    private SqlReadJournal? _journal;
    private bool _live;

    protected JournalFollower(string persistenceId)
    {
        _persistenceId = persistenceId;
        Receive<CaughtUp>(_ =>
        {
            OnCaughtUp();
            _live = true;
            Follow();
        });
        Receive<StreamEnded>(e =>
        {
            Log.Warning(e.Cause, "Journal of {0}: query ended ({1}); again from event {2} in {3}",
                _persistenceId, e.Cause?.Message ?? "completed", AppliedSequenceNr + 1, RetryAfter);
            Timers.StartSingleTimer("restart", new Restart(), RetryAfter);
        });
        Receive<Restart>(_ => { if (_live) Follow(); else CatchUp(); });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected ILoggingAdapter Log { get; } = Context.GetLogger();

    /// <summary>The sequence number of the last event applied (the next query starts after it).</summary>
    protected abstract long AppliedSequenceNr { get; }

    /// <summary>Applies one event; called on a stream thread, in sequence order.</summary>
    protected abstract void Apply(EventEnvelope envelope);

    /// <summary>Everything the journal held at start is applied.</summary>
    protected virtual void OnCaughtUp()
    {
    }

    protected override void PreStart()
    {
        _journal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        CatchUp();
    }

    private void CatchUp()
    {
        var self = Self;
        _journal!.CurrentEventsByPersistenceId(_persistenceId, AppliedSequenceNr + 1, long.MaxValue)
            .RunForeach(Apply, _materializer)
            .ContinueWith(t => self.Tell(t.IsCompletedSuccessfully ? new CaughtUp() : new StreamEnded(t.Exception?.GetBaseException())));
    }

    private void Follow()
    {
        var self = Self;
        _journal!.EventsByPersistenceId(_persistenceId, AppliedSequenceNr + 1, long.MaxValue)
            .RunForeach(Apply, _materializer)
            .ContinueWith(t => self.Tell(new StreamEnded(t.Exception?.GetBaseException())));
    }
}
