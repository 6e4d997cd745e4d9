using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ActorSwitch.Security.Module;
using ActorSwitch.Switch.Diagnostics;
using ActorSwitch.Switch.Pos;
using ActorSwitch.Switch.Registry;

namespace ActorSwitch.Switch.Centre;

/// <summary>Journal events of a store-and-forward queue.</summary>
public interface IStoreAndForwardEvent;

public sealed record StoreAndForwardEnqueued(StoreAndForwardEntry Entry) : IStoreAndForwardEvent;

public sealed record StoreAndForwardDelivered(string Rrn, bool IsReversal, string ResponseCode) : IStoreAndForwardEvent;

public sealed record StoreAndForwardSnapshot(IReadOnlyList<StoreAndForwardEntry> Pending);

/// <summary>
/// A durable queue of advices and reversals for the centre, owned by a sharded entity so that
/// another node drains it if this one dies. Delivers in order, one at a time: the first attempt as
/// 0220/0420, every later one (and anything after a restart, which may have been sent) as 0221/0421.
/// An entry leaves the queue only when the centre has answered it.
/// </summary>
public sealed class StoreAndForwardQueue : UntypedPersistentActor, IWithTimers
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(25);

    private readonly StoreAndForwardServices _services;
    private readonly LinkedList<StoreAndForwardEntry> _queue = new();
    private readonly HashSet<(string Rrn, bool IsReversal)> _known = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _inFlight;
    private int _attempts;
    private bool _recovered;
    private int _reportedDepth; // this queue's share of the node's store-and-forward depth metric

    public StoreAndForwardQueue(string queueId, StoreAndForwardServices services)
    {
        _services = services;
        PersistenceId = "store-and-forward-" + queueId;
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string queueId, StoreAndForwardServices services) =>
        Akka.Actor.Props.Create(() => new StoreAndForwardQueue(queueId, services));

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case IStoreAndForwardEvent e:
                Apply(e);
                break;
            case SnapshotOffer { Snapshot: StoreAndForwardSnapshot s }:
                foreach (var entry in s.Pending) Apply(new StoreAndForwardEnqueued(entry));
                break;
        }
    }

    protected override void PostStop()
    {
        SwitchMeters.StoreAndForwardDepth(ref _reportedDepth, 0);
        base.PostStop();
    }

    protected override void OnReplaySuccess()
    {
        // Whatever was at the head may have reached the centre before the restart: retries only.
        _recovered = _queue.Count > 0;
        if (_queue.Count > 0) _log.Info("Store-and-forward {0}: {1} entries to deliver after recovery", PersistenceId, _queue.Count);
        Self.Tell(DeliverNext.Instance);
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case EnqueueForCentre enqueue:
                OnEnqueue(enqueue);
                break;
            case WakeQueue:
                Self.Tell(DeliverNext.Instance);
                break;
            case GetQueueDepth:
                Sender.Tell(new QueueDepth(PersistenceId, _queue.Count, _queue.First?.Value.Rrn, _attempts));
                break;
            case DeliverNext:
                Deliver();
                break;
            case CentreDecision decision:
                OnDecision(decision);
                break;
            case CentreNotSent notSent:
                OnFailedAttempt(notSent.Rrn, notSent.Reason);
                break;
            case DeliveryTimedOut timedOut:
                OnFailedAttempt(timedOut.Rrn, "no answer from the centre");
                break;
            case SaveSnapshotSuccess or SaveSnapshotFailure:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnEnqueue(EnqueueForCentre enqueue)
    {
        var entry = enqueue.Entry;
        var sender = Sender;
        if (_known.Contains((entry.Rrn, entry.IsReversal)))
        {
            sender.Tell(new StoreAndForwardAccepted(entry.Rrn)); // already held (or already delivered)
            return;
        }
        Persist(new StoreAndForwardEnqueued(entry), e =>
        {
            Apply(e);
            sender.Tell(new StoreAndForwardAccepted(entry.Rrn));
            if (!_inFlight) Deliver();
        });
    }

    private void Deliver()
    {
        if (_inFlight || _queue.First is not { } head) return;
        var entry = head.Value;
        var transaction = ToCentreTransaction(entry, isRepeat: _attempts > 0 || _recovered);
        if (transaction is null)
        {
            // The PAN no longer decrypts (data key rotated away) or the merchant is gone: keep it
            // at the head and say so loudly; an operator must look, nothing is dropped silently.
            _log.Error("Store-and-forward {0}: cannot rebuild {1} for the centre; retrying later", PersistenceId, entry.Rrn);
            ScheduleRetry();
            return;
        }
        _inFlight = true;
        _attempts++;
        _services.CentreLink.Tell(new CentreRequest(transaction, Self));
        Timers.StartSingleTimer("delivery", new DeliveryTimedOut(entry.Rrn), DeliveryTimeout);
    }

    private void OnDecision(CentreDecision decision)
    {
        if (_queue.First?.Value is not { } head || head.Rrn != decision.Rrn) return; // a stale answer of an earlier attempt
        // 91 and 96 mean the centre could not take it now: try again. Any other answer is final
        // (00, or 25 for a reversal of something the centre never saw).
        if (decision.ResponseCode is ResponseCodes.IssuerOrSwitchInoperative or ResponseCodes.SystemMalfunction)
        {
            OnFailedAttempt(decision.Rrn, "centre answered " + decision.ResponseCode);
            return;
        }
        Timers.Cancel("delivery");
        Persist(new StoreAndForwardDelivered(head.Rrn, head.IsReversal, decision.ResponseCode), e =>
        {
            Apply(e);
            _inFlight = false;
            _attempts = 0;
            _recovered = false;
            if (LastSequenceNr % 200 == 0) SaveSnapshot(new StoreAndForwardSnapshot(_queue.ToList()));
            Deliver();
        });
    }

    private void OnFailedAttempt(string rrn, string reason)
    {
        if (_queue.First?.Value is not { } head || head.Rrn != rrn || !_inFlight) return;
        Timers.Cancel("delivery");
        _inFlight = false;
        _log.Warning("Store-and-forward {0}: {1} {2} not delivered (attempt {3}): {4}",
            PersistenceId, head.IsReversal ? "reversal" : "advice", rrn, _attempts, reason);
        ScheduleRetry();
    }

    private void ScheduleRetry()
    {
        var backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks << Math.Min(_attempts, 5)));
        Timers.StartSingleTimer("retry", DeliverNext.Instance, backoff);
    }

    private void Apply(IStoreAndForwardEvent e)
    {
        switch (e)
        {
            case StoreAndForwardEnqueued q when _known.Add((q.Entry.Rrn, q.Entry.IsReversal)):
                _queue.AddLast(q.Entry);
                break;
            case StoreAndForwardDelivered d:
                // Forget the key too: a late duplicate would be delivered again, and the centre answers
                // a repeat with its stored answer, posting nothing. Memory stays bounded by the queue.
                _known.Remove((d.Rrn, d.IsReversal));
                for (var node = _queue.First; node is not null; node = node.Next)
                {
                    if (node.Value.Rrn != d.Rrn || node.Value.IsReversal != d.IsReversal) continue;
                    _queue.Remove(node);
                    break;
                }
                break;
        }
        SwitchMeters.StoreAndForwardDepth(ref _reportedDepth, _queue.Count);
    }

    private CentreTransaction? ToCentreTransaction(StoreAndForwardEntry entry, bool isRepeat)
    {
        var t = entry.Transaction;
        var merchant = _services.Registry.FindMerchant(entry.MerchantId);
        string pan;
        try
        {
            pan = _services.Security.DecryptStoredPan(_services.PanDataKey, t.PanEncrypted);
        }
        catch (SecurityModuleException)
        {
            return null;
        }
        return new CentreTransaction
        {
            Rrn = t.Rrn, Kind = t.Kind, PosMti = t.Mti, Pan = pan, ProcessingCode = t.ProcessingCode, Amount = t.Amount,
            Trace = t.Trace, At = t.At, Mcc = merchant?.Mcc ?? "0000", EntryMode = t.EntryMode, ConditionCode = t.ConditionCode,
            TerminalId = entry.TerminalId, MerchantId = entry.MerchantId, TransactionType = TransactionTypeOf(t.Kind),
            Batch = t.Batch, OriginalRrn = t.OriginalRrn, IsReversal = entry.IsReversal, IsRepeat = isRepeat,
        };
    }

    /// <summary>60.1 of a transaction kind (section 4).</summary>
    private static int TransactionTypeOf(PosMessageKind kind) => kind switch
    {
        PosMessageKind.BalanceInquiry => 1,
        PosMessageKind.PreAuthorisation => 10,
        PosMessageKind.PreAuthorisationCancel => 11,
        PosMessageKind.PreAuthorisationCompletion => 20,
        PosMessageKind.PreAuthorisationCompletionVoid => 21,
        PosMessageKind.Purchase => 22,
        PosMessageKind.PurchaseVoid => 23,
        PosMessageKind.Refund => 25,
        PosMessageKind.OfflineSettlement => 30,
        PosMessageKind.OfflinePurseUpload => 36,
        _ => 0,
    };

    private sealed record DeliverNext
    {
        public static readonly DeliverNext Instance = new();
    }

    private sealed record DeliveryTimedOut(string Rrn);
}

/// <summary>What the queues of a node share.</summary>
public sealed class StoreAndForwardServices
{
    public required ISecurityModule Security { get; init; }
    public required KeyHandle PanDataKey { get; init; }
    public required RegistryView Registry { get; init; }
    public IActorRef CentreLink { get; set; } = ActorRefs.Nobody;
}
