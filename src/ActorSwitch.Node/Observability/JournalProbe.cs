using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Pattern;
using Akka.Persistence;
using ActorSwitch.Switch.Diagnostics;

namespace ActorSwitch.Node.Observability;

/// <summary>
/// Whether this node's journal takes writes, as the <see cref="JournalProbe"/> last found: writable when its
/// last write succeeded within <see cref="StaleAfter"/> and no failure came after it. Read by readiness from
/// any thread.
/// </summary>
public sealed class JournalHealth(TimeSpan interval, TimeSpan staleAfter)
{
    private readonly Lock _gate = new();
    private long _lastSuccess; // Stopwatch timestamp; 0 = none yet
    private long _lastFailure;
    private TimeSpan _lastLatency;
    private string? _lastError;

    public TimeSpan Interval { get; } = interval;

    public TimeSpan StaleAfter { get; } = staleAfter;

    public void Succeeded(TimeSpan latency)
    {
        lock (_gate)
        {
            _lastSuccess = Stopwatch.GetTimestamp();
            _lastLatency = latency;
        }
    }

    public void Failed(string reason)
    {
        lock (_gate)
        {
            _lastFailure = Stopwatch.GetTimestamp();
            _lastError = reason.Length > 200 ? reason[..200] : reason;
        }
    }

    /// <summary>The check as readiness shows it.</summary>
    public (bool Ok, string Detail) Check()
    {
        lock (_gate)
        {
            if (_lastFailure != 0 && _lastFailure >= _lastSuccess)
                return (false, $"the last probe write failed {Ago(_lastFailure)} ago: {_lastError}");
            if (_lastSuccess == 0) return (false, "no probe write has completed yet");
            var age = Stopwatch.GetElapsedTime(_lastSuccess);
            return age <= StaleAfter
                ? (true, $"last probe write {Ago(_lastSuccess)} ago took {_lastLatency.TotalMilliseconds:0.#} ms")
                : (false, $"no probe write has completed for {Ago(_lastSuccess)} (limit {StaleAfter.TotalSeconds:0} s)");
        }
    }

    private static string Ago(long timestamp) => $"{Stopwatch.GetElapsedTime(timestamp).TotalSeconds:0.0} s";
}

/// <summary>
/// A tiny persistent actor per node that proves the journal takes writes: it persists a heartbeat (the time,
/// a long) every <see cref="JournalHealth.Interval"/>, deletes the ones before it so that it keeps one row,
/// and tells <see cref="JournalHealth"/> how each write went; its latency goes to the journal write histogram.
/// It takes no snapshots. A failed write stops it (Akka.Persistence does that); its backoff supervisor starts
/// it again, and the next heartbeat tries again.
/// </summary>
public sealed class JournalProbe : UntypedPersistentActor, IWithTimers
{
    private readonly JournalHealth _health;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public JournalProbe(string persistenceId, JournalHealth health)
    {
        PersistenceId = persistenceId;
        _health = health;
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The probe under a backoff supervisor, with the persistence id of this node's address.</summary>
    public static Props SupervisedProps(Address node, JournalHealth health)
    {
        var persistenceId = PersistenceIdOf(node);
        return BackoffSupervisor.Props(Backoff.OnStop(Props.Create(() => new JournalProbe(persistenceId, health)), "probe",
            minBackoff: TimeSpan.FromSeconds(1), maxBackoff: health.Interval, randomFactor: 0.2, maxNrOfRetries: -1));
    }

    /// <summary><c>health-probe-</c> and a hash of the node's address: one probe per node, no address in the journal.</summary>
    public static string PersistenceIdOf(Address node) =>
        "health-probe-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(node.ToString())))[..16];

    protected override void OnRecover(object message)
    {
        // Nothing to rebuild: a heartbeat is only proof that a write went through.
    }

    protected override void OnReplaySuccess() => Self.Tell(Beat.Instance);

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case Beat:
                var started = Stopwatch.GetTimestamp();
                Persist(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), _ =>
                {
                    _health.Succeeded(Stopwatch.GetElapsedTime(started));
                    SwitchMeters.JournalWritten(SwitchMeters.HealthProbeWriter, started);
                    if (LastSequenceNr > 1) DeleteMessages(LastSequenceNr - 1);
                    Timers.StartSingleTimer(Beat.Instance, Beat.Instance, _health.Interval);
                });
                break;
            case DeleteMessagesSuccess:
                break;
            case DeleteMessagesFailure failure:
                // The heartbeats are kept a little longer; the next write says whether the journal works.
                _log.Warning("Journal probe: deleting old heartbeats failed: {0}", failure.Cause.Message);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _health.Failed(cause.GetBaseException().Message);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _health.Failed(cause.GetBaseException().Message);
        base.OnPersistRejected(cause, @event, sequenceNr);
        Timers.StartSingleTimer(Beat.Instance, Beat.Instance, _health.Interval);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _health.Failed("recovery failed: " + reason.GetBaseException().Message);
        base.OnRecoveryFailure(reason, message);
    }

    private sealed class Beat
    {
        public static readonly Beat Instance = new();
    }
}

/// <summary>Starts the journal probe once the actor system runs.</summary>
internal sealed class JournalProbeService(ActorSystem system, JournalHealth health) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        system.ActorOf(JournalProbe.SupervisedProps(Cluster.Get(system).SelfAddress, health), "health-probe");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
