using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorSwitch.Switch.Registry;

/// <summary>
/// Keeps this node's <see cref="RegistryView"/> in step with the registry's journal, on every node:
/// the registry singleton runs on one node only, and a terminal may connect to any. It reads what the
/// journal holds (the view is then "recovered" and the node may open its POS port), then follows new
/// events as the journal is polled. A failed query is retried from the last event applied.
/// </summary>
public sealed class RegistryReplica : ReceiveActor, IWithTimers
{
    private sealed record CaughtUp;

    private sealed record StreamEnded(Exception? Cause);

    private sealed record Restart;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(3);
    private readonly RegistryView _view;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IMaterializer _materializer = Context.Materializer(); // the queries stop with the actor
    private SqlReadJournal? _journal;
    private bool _live;

    public RegistryReplica(RegistryView view)
    {
        _view = view;
        Receive<CaughtUp>(_ =>
        {
            if (!_view.IsRecovered)
                _log.Info("Registry view caught up with the journal: {0} merchants, {1} terminals", _view.MerchantCount, _view.TerminalCount);
            _view.MarkRecovered();
            _live = true;
            Follow();
        });
        Receive<StreamEnded>(e =>
        {
            _log.Warning(e.Cause, "Registry journal query ended ({0}); again from event {1} in {2}",
                e.Cause?.Message ?? "completed", _view.AppliedSequenceNr + 1, RetryAfter);
            Timers.StartSingleTimer("restart", new Restart(), RetryAfter);
        });
        Receive<Restart>(_ => { if (_live) Follow(); else CatchUp(); });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RegistryView view) => Akka.Actor.Props.Create(() => new RegistryReplica(view));

    protected override void PreStart()
    {
        _journal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        CatchUp();
    }

    /// <summary>Everything the journal holds now; then <see cref="CaughtUp"/>.</summary>
    private void CatchUp()
    {
        var self = Self;
        _journal!.CurrentEventsByPersistenceId(RegistryActor.PersistenceIdValue, _view.AppliedSequenceNr + 1, long.MaxValue)
            .RunForeach(Apply, _materializer)
            .ContinueWith(t => self.Tell(t.IsCompletedSuccessfully ? new CaughtUp() : new StreamEnded(t.Exception?.GetBaseException())));
    }

    /// <summary>New events as they are written (the live query never completes unless it fails).</summary>
    private void Follow()
    {
        var self = Self;
        _journal!.EventsByPersistenceId(RegistryActor.PersistenceIdValue, _view.AppliedSequenceNr + 1, long.MaxValue)
            .RunForeach(Apply, _materializer)
            .ContinueWith(t => self.Tell(new StreamEnded(t.Exception?.GetBaseException())));
    }

    private void Apply(EventEnvelope envelope)
    {
        if (envelope.Event is IRegistryEvent e) _view.Apply(e, envelope.SequenceNr);
    }
}
