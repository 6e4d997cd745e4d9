using Akka.Event;
using Akka.Actor;
using ActorSwitch.Switch.Centre;

namespace ActorSwitch.Switch.Terminals;

/// <summary>
/// Hands advices and reversals to the store-and-forward queue that owns this terminal, until the
/// queue confirms it holds them durably. Retried on a timer, so a queue that is moving between
/// nodes (or a lost message) delays the handover but never loses it.
/// </summary>
public sealed partial class TerminalEntity
{
    private static readonly TimeSpan HandOverRetry = TimeSpan.FromSeconds(3);

    private void HandOverToStoreAndForward()
    {
        var queueId = StoreAndForwardQueues.QueueIdFor(_key.EntityId);
        var any = false;
        foreach (var entry in _state.Transactions)
        {
            if (!entry.NeedsStoreAndForward) continue;
            any = true;
            _services.StoreAndForward.Tell(new EnqueueForCentre(queueId,
                new StoreAndForwardEntry(_key.MerchantId, _key.TerminalId, entry.Record, entry.StoreAndForwardIsReversal)));
        }
        if (any && !Timers.IsTimerActive("saf-retry"))
            Timers.StartSingleTimer("saf-retry", RetryStoreAndForward.Instance, HandOverRetry);
    }

    private void OnStoreAndForwardAccepted(StoreAndForwardAccepted accepted)
    {
        if (_state.ByRrn(accepted.Rrn) is not { NeedsStoreAndForward: true }) return;
        Persist(new HandedToStoreAndForward(accepted.Rrn), Apply);
    }
}
