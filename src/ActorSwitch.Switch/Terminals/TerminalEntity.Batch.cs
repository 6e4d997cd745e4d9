using Akka.Event;
using ActorSwitch.Iso8583;
using ActorSwitch.Switch.Pos;

namespace ActorSwitch.Switch.Terminals;

/// <summary>
/// Batch settlement (0500) and batch upload (0320): the switch compares the terminal's totals with its
/// own journal of the batch and answers 1 (balanced) or 2 (not balanced) in F48; the next batch number
/// is then in force, and the settled batch takes only its uploads.
/// </summary>
public sealed partial class TerminalEntity
{
    private void OnBatchSettlement(PosRequest request)
    {
        Field60.TryRead(_request, out var f60);
        var batch = f60.BatchNumber;
        var trace = Trace;

        if (_state.Settled.TryGetValue(batch, out var settled))
        {
            // A repeat of the settlement gets its answer again; another settlement of a settled batch is refused.
            if (settled.Settlement.Trace == trace) AnswerSettlement(request, settled.Settlement);
            else ReplyFinancial(request, ResponseCodes.InvalidTransaction, processingRequirement: 3);
            return;
        }
        if (batch != _state.Batch)
        {
            _log.Info("Terminal {0}: settlement of batch {1}, but batch {2} is in force: 12", _key, batch, _state.Batch);
            ReplyFinancial(request, ResponseCodes.InvalidTransaction, processingRequirement: 3);
            return;
        }
        var f48 = _request.GetBytes(48).Length > 0 ? ReadDigits(48) : "";
        if (!SettlementTotals.TryParseField48(f48, out var terminal, out _, out _))
        {
            _log.Info("Terminal {0}: settlement F48 is not the 62-digit totals: 30", _key);
            ReplyFinancial(request, ResponseCodes.FormatError);
            return;
        }

        var own = _state.TotalsOf(batch);
        var domestic = terminal.Domestic == own ? SettlementTotals.Balanced : SettlementTotals.NotBalanced;
        var foreign = terminal.Foreign == default ? SettlementTotals.Balanced : SettlementTotals.NotBalanced;
        if (domestic != SettlementTotals.Balanced || foreign != SettlementTotals.Balanced)
            _log.Warning("Terminal {0}: batch {1} not balanced: terminal {2} / {3}, switch {4}", _key, batch, terminal.Domestic, terminal.Foreign, own);
        Persist(new BatchSettled(batch, trace, terminal.Domestic, terminal.Foreign, own, domestic, foreign, _services.Now), e =>
        {
            Apply(e);
            AnswerSettlement(request, e);
        });
    }

    /// <summary>0510: F39 00 (a not-balanced batch is still a successful exchange) and the totals with the result digits.</summary>
    private void AnswerSettlement(PosRequest request, BatchSettled settlement)
    {
        var totals = new SettlementTotals(settlement.TerminalDomestic, settlement.TerminalForeign).ToField48();
        var answered = string.Create(totals.Length, (totals, settlement), static (span, s) =>
        {
            s.totals.AsSpan().CopyTo(span);
            span[SettlementTotals.HalfLength - 1] = (char)('0' + s.settlement.DomesticResult);
            span[^1] = (char)('0' + s.settlement.ForeignResult);
        });
        ReplyFinancial(request, ResponseCodes.Approved, answer => answer.SetDigits(48, answered));
    }

    private void OnBatchUpload(PosRequest request)
    {
        Field60.TryRead(_request, out var f60);
        var batch = f60.BatchNumber;
        if (!_state.Settled.TryGetValue(batch, out var settled) || batch != _state.LastSettledBatch)
        {
            _log.Info("Terminal {0}: upload for batch {1}, which is not the batch just settled: 12", _key, batch);
            ReplyFinancial(request, ResponseCodes.InvalidTransaction);
            return;
        }
        var trace = Trace;
        if (settled.UploadTraces.Contains(trace))
        {
            ReplyFinancial(request, ResponseCodes.Approved); // a repeat: taken already
            return;
        }
        if (!BatchUploadField.TryParse(ReadDigits(48), out var items))
        {
            _log.Info("Terminal {0}: batch upload F48 is not 1 to 8 items of 40 digits: 30", _key);
            ReplyFinancial(request, ResponseCodes.FormatError);
            return;
        }
        var uploaded = items.Select(i => new UploadedItem(i.CardOrganisation, i.Trace,
            Security.TokenizePan(_services.PanDataKey, i.Pan), PanMask.Mask(i.Pan), i.Amount)).ToList();
        Persist(new BatchUploadReceived(batch, trace, uploaded), e =>
        {
            Apply(e);
            ReplyFinancial(request, ResponseCodes.Approved);
        });
    }

    private void OnBatchUploadEnd(PosRequest request)
    {
        Field60.TryRead(_request, out var f60);
        var batch = f60.BatchNumber;
        if (!_state.Settled.TryGetValue(batch, out var settled))
        {
            ReplyFinancial(request, ResponseCodes.InvalidTransaction);
            return;
        }
        if (settled.EndTrace is not null)
        {
            ReplyFinancial(request, ResponseCodes.Approved);
            return;
        }
        Persist(new BatchUploadEnded(batch, Trace, f60.NetworkManagementCode), e =>
        {
            Apply(e);
            ReplyFinancial(request, ResponseCodes.Approved);
        });
    }
}
