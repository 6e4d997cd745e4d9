using Akka.Event;
using ActorSwitch.Iso8583;
using ActorSwitch.Switch.Pos;

namespace ActorSwitch.Switch.Terminals;

/// <summary>
/// Reversals (0400): the terminal undoes a transaction it could not complete. Journaled and answered
/// 00, then sent to the centre through store and forward (0420, 0421 on retries).
/// </summary>
public sealed partial class TerminalEntity
{
    private void OnReversal(PosRequest request)
    {
        if (!TryReadCommon(request, out var common)) return;

        // A repeat of a 0400 already processed: the stored answer again.
        if (_state.ByRequest(common.Key) is { ReversedBy: not null })
        {
            ReplyFinancial(request, ResponseCodes.Approved);
            return;
        }

        // The original shares the reversal's trace and batch (section 4, "Duplicates").
        var original = _state.Original(common.Batch, common.Trace);
        if (original is null || original.Record.PanToken != common.PanToken || original.Record.Amount != common.Amount)
        {
            // Never seen (lost on the way) or not this card and amount: nothing to reverse. 25 completes it.
            _log.Info("Terminal {0}: reversal of trace {1} batch {2} names no transaction of this terminal: 25",
                _key, common.Trace, common.Batch);
            ReplyFinancial(request, ResponseCodes.OriginalNotFound);
            return;
        }
        if (original.Status == TransactionStatus.Reversed)
        {
            ReplyFinancial(request, ResponseCodes.Approved);
            return;
        }

        var wasApproved = original.IsApproved;
        var reason = _request.GetAscii(39) ?? "06";
        Timers.Cancel(original.Record.Rrn);
        Persist(new TransactionReversed(original.Record.Rrn, common.Trace, common.Batch, reason, _services.Now), e =>
        {
            Apply(e);
            if (wasApproved)
                _services.Risk.ReleaseApproval(original.Record.Kind, original.Record.PanToken, original.Record.Amount,
                    original.Record.SettlementDate);
            // A terminal still waiting on the original hears the outcome it forced: no approval.
            AnswerWaiting(original);
            ReplyFinancial(request, ResponseCodes.Approved);
            HandOverToStoreAndForward();
        });
    }
}
