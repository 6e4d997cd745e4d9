using Akka.Event;
using ActorSwitch.Switch.Pos;

namespace ActorSwitch.Switch.Terminals;

/// <summary>
/// Advices (0220: refund, offline settlement): checked, journaled, answered 00, and sent to the
/// centre through store and forward (0220, then 0221 on retries).
/// </summary>
public sealed partial class TerminalEntity
{
    private void OnAdvice(PosRequest request, PosMessageKind kind)
    {
        if (!TryAdmit(request, out var common, out var terminal, out var merchant)) return;

        var now = _services.Now;
        var settlementDate = _services.Calendar.SettlementDate(now);
        string? originalRrn = null;
        if (kind == PosMessageKind.Refund)
        {
            if (!TryFindRefundOriginal(request, common, now, out var original)) return;
            originalRrn = original.Record.Rrn;
        }

        var risk = _services.Risk.Evaluate(terminal, merchant, kind, common.PanToken, common.Amount, settlementDate, now);
        if (!risk.Passed)
        {
            _log.Info("Terminal {0}: {1} of {2} declined by risk rule {3}: {4}", _key, kind, common.PanMasked, risk.Rule, risk.ResponseCode);
            AnswerLocally(request, common, risk.ResponseCode);
            return;
        }

        var record = NewRecord(kind, common, now, settlementDate, originalRrn);
        PersistAll(new ITerminalEvent[]
        {
            new TransactionStarted(record),
            new TransactionCompleted(record.Rrn, ResponseCodes.Approved, null, null),
        }, e =>
        {
            Apply(e);
            if (e is not TransactionCompleted) return;
            _services.Risk.RecordApproval(kind, record.PanToken, record.Amount, settlementDate);
            AnswerFromEntry(request, _state.ByRrn(record.Rrn)!);
            HandOverToStoreAndForward();
        });
    }

    /// <summary>
    /// A refund names its original by F37: an approved, unreversed purchase or completion of this
    /// terminal within the refund window, not refunded beyond its amount.
    /// </summary>
    private bool TryFindRefundOriginal(PosRequest request, in CommonFields common, DateTimeOffset now, out TransactionEntry original)
    {
        original = null!;
        var rrn = _request.GetAscii(37);
        var found = rrn is null ? null : _state.ByRrn(rrn);
        if (found is null || found.Record.Kind is not (PosMessageKind.Purchase or PosMessageKind.PreAuthorisationCompletion)
            || found.Record.PanToken != common.PanToken)
        {
            AnswerLocally(request, common, ResponseCodes.OriginalNotFound);
            return false;
        }
        var refunded = _state.Transactions
            .Where(t => t.Record.OriginalRrn == found.Record.Rrn && t.Record.Kind == PosMessageKind.Refund && t.IsApproved)
            .Sum(t => t.Record.Amount);
        var code = !found.IsApproved || now - found.Record.At > _services.Settings.RefundWindow ? ResponseCodes.InvalidTransaction
            : common.Amount <= 0 ? ResponseCodes.InvalidAmount
            : common.Amount > found.Record.Amount - refunded ? ResponseCodes.OriginalAmountWrong
            : null;
        if (code is not null)
        {
            AnswerLocally(request, common, code);
            return false;
        }
        original = found;
        return true;
    }
}
