using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace ActorSwitch.JournalBench;

/// <summary>Shared counters of the run.</summary>
public static class Counters
{
    public static long Persisted;
    public static long Failures;
    public static long InFlight;
    public static long Recovered;
    public static long Started;
    public static volatile bool Running = true;
}

/// <summary>
/// One persistent actor: persists an event (a byte[] payload of a purchase's TransactionStarted size, tagged
/// "txn"), waits for the callback (Persist, not PersistAsync), persists the next. Stops issuing when the run ends.
/// </summary>
public sealed class BenchActor : ReceivePersistentActor
{
    private sealed class Next { public static readonly Next Instance = new(); }

    private static readonly IReadOnlyCollection<string> TxnTag = ["txn"];
    private readonly byte[] _payload;
    private long _recovered;

    public override string PersistenceId { get; }

    public BenchActor(string persistenceId, string journalPluginId, int payloadSize)
    {
        PersistenceId = persistenceId;
        JournalPluginId = journalPluginId;
        _payload = new byte[payloadSize];
        Random.Shared.NextBytes(_payload);

        Recover<byte[]>(_ => _recovered++);
        Recover<RecoveryCompleted>(_ =>
        {
            Interlocked.Add(ref Counters.Recovered, _recovered);
            Interlocked.Increment(ref Counters.Started);
            Self.Tell(Next.Instance);
        });
        Command<Next>(_ =>
        {
            if (!Counters.Running) return;
            Interlocked.Increment(ref Counters.InFlight);
            // A fresh array per event, as an entity serializes a fresh event each time.
            var payload = (byte[])_payload.Clone();
            Persist(new Tagged(payload, TxnTag), _ =>
            {
                Interlocked.Increment(ref Counters.Persisted);
                Interlocked.Decrement(ref Counters.InFlight);
                Self.Tell(Next.Instance);
            });
        });
        Command<string>(s => s == "recovered", _ => Sender.Tell(_recovered));
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Interlocked.Increment(ref Counters.Failures);
        Interlocked.Decrement(ref Counters.InFlight);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        Interlocked.Increment(ref Counters.Failures);
        Interlocked.Decrement(ref Counters.InFlight);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }
}

/// <summary>Recovers a persistence id through a journal and answers how many events it replayed.</summary>
public sealed class ReplayProbe : ReceivePersistentActor
{
    private long _replayed;
    private long _lastSeq;
    public override string PersistenceId { get; }

    public ReplayProbe(string persistenceId, string journalPluginId)
    {
        PersistenceId = persistenceId;
        JournalPluginId = journalPluginId;
        Recover<byte[]>(_ => { _replayed++; _lastSeq = LastSequenceNr; });
        Command<string>(s => s == "count", _ => Sender.Tell((_replayed, _lastSeq, LastSequenceNr)));
    }
}

/// <summary>Persists one untagged event through the stock plugin so that it creates its tables.</summary>
public sealed class SchemaInit : ReceivePersistentActor
{
    public override string PersistenceId => "journalbench-schema-init";

    public SchemaInit()
    {
        JournalPluginId = "akka.persistence.journal.sql";
        Recover<byte[]>(_ => { });
        Command<string>(s => s == "init", _ =>
        {
            var sender = Sender;
            Persist(new byte[] { 1 }, _ => sender.Tell("done"));
        });
    }
}
