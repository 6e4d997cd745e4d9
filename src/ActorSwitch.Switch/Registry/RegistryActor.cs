using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorSwitch.Switch.Registry;

/// <summary>
/// The single writer of merchant and terminal registrations (one per cluster: it runs as a
/// cluster singleton). It validates each command against the view, persists the event, applies it
/// to the node's <see cref="RegistryView"/> and only then answers, so an id the API confirmed is
/// durable and already visible to the POS front end of this node.
/// </summary>
public sealed class RegistryActor : ReceivePersistentActor
{
    public const string PersistenceIdValue = "registry";
    private const int SnapshotEvery = 1000;

    private readonly RegistryView _view;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public RegistryActor(RegistryView view)
    {
        _view = view;
        Recover<IRegistryEvent>(e => _view.Apply(e, LastSequenceNr));
        Recover<SnapshotOffer>(offer => _view.ApplySnapshot((RegistrySnapshot)offer.Snapshot, offer.Metadata.SequenceNr));

        Command<RegisterMerchant>(Handle);
        Command<RegisterTerminal>(Handle);
        Command<SetMerchantFrozen>(Handle);
        Command<SetTerminalFrozen>(Handle);
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Registry snapshot failed"));
    }

    public override string PersistenceId => PersistenceIdValue;

    protected override void OnReplaySuccess()
    {
        _view.MarkRecovered();
        _log.Info("Registry recovered: {0} merchants, {1} terminals", _view.MerchantCount, _view.TerminalCount);
    }

    public static Props Props(RegistryView view) => Akka.Actor.Props.Create(() => new RegistryActor(view));

    private void Handle(RegisterMerchant c)
    {
        var existing = _view.FindMerchant(c.MerchantId);
        if (existing is not null)
        {
            var same = existing.Name == c.Name && existing.Mcc == c.Mcc && existing.FeeRateBasisPoints == c.FeeRateBasisPoints;
            Sender.Tell(same ? Done() : new RegistryReply(RegistryOutcome.Conflict, "merchantId"));
            return;
        }
        PersistAndReply(new MerchantRegistered(c.MerchantId, c.Name, c.Mcc, c.FeeRateBasisPoints));
    }

    private void Handle(RegisterTerminal c)
    {
        if (_view.FindMerchant(c.MerchantId) is null)
        {
            Sender.Tell(new RegistryReply(RegistryOutcome.NotFound, "merchantId"));
            return;
        }
        var existing = _view.FindTerminal(new TerminalKey(c.MerchantId, c.TerminalId));
        if (existing is not null)
        {
            Sender.Tell(existing.Model == c.Model ? Done() : new RegistryReply(RegistryOutcome.Conflict, "terminalId"));
            return;
        }
        PersistAndReply(new TerminalRegistered(c.MerchantId, c.TerminalId, c.Model));
    }

    private void Handle(SetMerchantFrozen c)
    {
        var merchant = _view.FindMerchant(c.MerchantId);
        if (merchant is null) Sender.Tell(new RegistryReply(RegistryOutcome.NotFound, "merchantId"));
        else if (merchant.Frozen == c.Frozen) Sender.Tell(Done());
        else PersistAndReply(new MerchantFrozenChanged(c.MerchantId, c.Frozen));
    }

    private void Handle(SetTerminalFrozen c)
    {
        var terminal = _view.FindTerminal(new TerminalKey(c.MerchantId, c.TerminalId));
        if (terminal is null) Sender.Tell(new RegistryReply(RegistryOutcome.NotFound, "terminalId"));
        else if (terminal.Frozen == c.Frozen) Sender.Tell(Done());
        else PersistAndReply(new TerminalFrozenChanged(c.MerchantId, c.TerminalId, c.Frozen));
    }

    /// <summary>Nothing to change: done as of the view's newest event (which the asking node waits for).</summary>
    private RegistryReply Done() => new(RegistryOutcome.Done, SequenceNr: _view.AppliedSequenceNr);

    private void PersistAndReply(IRegistryEvent e)
    {
        var replyTo = Sender;
        Persist(e, persisted =>
        {
            _view.Apply(persisted, LastSequenceNr);
            replyTo.Tell(new RegistryReply(RegistryOutcome.Done, SequenceNr: LastSequenceNr));
            if (LastSequenceNr % SnapshotEvery == 0) SaveSnapshot(RegistrySnapshot.Of(_view));
        });
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "Registry event {0} rejected by the journal", @event.GetType().Name);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }
}

/// <summary>
/// The registry as a list of "set" events: replaying them rebuilds the view exactly, so the snapshot
/// needs no format of its own beyond the events' (and the serializer already versions those).
/// </summary>
public sealed record RegistrySnapshot(IReadOnlyList<IRegistryEvent> Events)
{
    public static RegistrySnapshot Of(RegistryView view)
    {
        var events = new List<IRegistryEvent>(view.MerchantCount * 2 + view.TerminalCount * 2);
        foreach (var m in view.MerchantPage(0, int.MaxValue))
        {
            events.Add(new MerchantRegistered(m.MerchantId, m.Name, m.Mcc, m.FeeRateBasisPoints));
            if (m.Frozen) events.Add(new MerchantFrozenChanged(m.MerchantId, true));
        }
        foreach (var t in view.TerminalPage(null, 0, int.MaxValue))
        {
            events.Add(new TerminalRegistered(t.MerchantId, t.TerminalId, t.Model));
            if (t.Frozen) events.Add(new TerminalFrozenChanged(t.MerchantId, t.TerminalId, true));
        }
        return new RegistrySnapshot(events);
    }
}
