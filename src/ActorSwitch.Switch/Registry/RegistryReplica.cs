using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using ActorSwitch.Switch.Journal;

namespace ActorSwitch.Switch.Registry;

/// <summary>
/// Keeps this node's <see cref="RegistryView"/> in step with the registry's journal, on every node:
/// the registry singleton runs on one node only, and a terminal may connect to any. Once the journal
/// is read the view is "recovered" and the node may open its POS port.
/// </summary>
public sealed class RegistryReplica(RegistryView view) : JournalFollower(RegistryActor.PersistenceIdValue)
{
    public static Props Props(RegistryView view) => Akka.Actor.Props.Create(() => new RegistryReplica(view));

    protected override long AppliedSequenceNr => view.AppliedSequenceNr;

    protected override void Apply(EventEnvelope envelope)
    {
        if (envelope.Event is IRegistryEvent e) view.Apply(e, envelope.SequenceNr);
    }

    protected override void OnCaughtUp()
    {
        if (!view.IsRecovered)
            Log.Info("Registry view caught up with the journal: {0} merchants, {1} terminals", view.MerchantCount, view.TerminalCount);
        view.MarkRecovered();
    }
}
