using Akka.Event;
using Akka.Actor;
using ActorSwitch.Iso8583;
using ActorSwitch.Security.Module;
using ActorSwitch.Switch.Centre;
using ActorSwitch.Switch.Diagnostics;
using ActorSwitch.Switch.Pos;
using ActorSwitch.Switch.Registry;

namespace ActorSwitch.Switch.Terminals;

/// <summary>
/// Online financial requests (purchase, balance, the pre-authorisation family, voids): checked,
/// journaled, forwarded, and answered only once the centre's decision is journaled.
/// </summary>
public sealed partial class TerminalEntity
{
    // Connections waiting for a pending transaction's answer: the original one, and any the terminal
    // repeated the request on (after reconnecting) while the centre was still deciding.
    private readonly Dictionary<string, List<PosRequest>> _waiting = new(StringComparer.Ordinal);

    // Answers the switch gave without the centre (risk declines, bad originals), for repeats; not
    // journaled: a repeat after a restart is simply evaluated again.
    private readonly Dictionary<RequestKey, LocalAnswer> _localAnswers = new();

    private void OnOnlineFinancial(PosRequest request, PosMessageKind kind)
    {
        if (!TryAdmit(request, out var common, out var terminal, out var merchant)) return;

        var now = _services.Now;
        var settlementDate = _services.Calendar.SettlementDate(now);
        var risk = _services.Risk.Evaluate(terminal, merchant, kind, common.PanToken, common.Amount, settlementDate, now);
        if (!risk.Passed)
        {
            _log.Info("Terminal {0}: {1} of {2} declined by risk rule {3}: {4}", _key, kind, common.PanMasked, risk.Rule, risk.ResponseCode);
            AnswerLocally(request, common, risk.ResponseCode);
            return;
        }

        string? originalRrn = null;
        if (kind is PosMessageKind.PurchaseVoid or PosMessageKind.PreAuthorisationCompletionVoid)
        {
            if (!TryFindVoidOriginal(request, common, kind, out var original)) return;
            originalRrn = original.Record.Rrn;
        }
        else if (kind is PosMessageKind.PreAuthorisationCompletion or PosMessageKind.PreAuthorisationCancel
                 && Field61.TryRead(_request, out var f61) && _state.Original(f61.OriginalBatch, f61.OriginalTrace) is { } preAuth)
        {
            originalRrn = preAuth.Record.Rrn;
        }

        // PIN block and track stay in memory: they travel to the link in this message and nowhere else.
        var pinBlock = _request.Has(52) ? _request.GetBytes(52).ToArray() : null;
        var track2 = _request.Has(35) ? ReadDigits(35) : null;
        var record = NewRecord(kind, common, now, settlementDate, originalRrn);
        var transaction = new CentreTransaction
        {
            Rrn = record.Rrn, Kind = kind, PosMti = _request.Mti, Pan = common.Pan, ProcessingCode = common.ProcessingCode,
            Amount = common.Amount, Trace = common.Trace, At = now, Mcc = merchant.Mcc, EntryMode = common.EntryMode,
            ConditionCode = common.ConditionCode, TerminalId = _key.TerminalId, MerchantId = _key.MerchantId,
            TransactionType = common.TransactionType, Batch = common.Batch,
            LocalTime = _request.Has(12) ? ReadDigits(12) : null, LocalDate = _request.Has(13) ? ReadDigits(13) : null,
            PinBlock = pinBlock, PinKey = pinBlock is null ? null : KeyHandle.FromKeyBlock(_state.PinKeyBlock!),
            Track2 = track2, OriginalRrn = originalRrn,
        };

        _waiting[record.Rrn] = [request];
        var written = System.Diagnostics.Stopwatch.GetTimestamp();
        Persist(new TransactionStarted(record), e =>
        {
            SwitchMeters.JournalWritten(SwitchMeters.TerminalWriter, written);
            Apply(e);
            // Journaled: only now may the request leave the switch.
            _services.CentreLink.Tell(new CentreRequest(transaction, Self));
            Timers.StartSingleTimer(record.Rrn, new AnswerDeadline(record.Rrn), _services.Settings.AnswerDeadline);
        });
    }

    private void OnCentreDecision(CentreDecision decision)
    {
        var entry = _state.ByRrn(decision.Rrn);
        if (entry is null) return;
        if (entry.Status != TransactionStatus.Pending)
        {
            // Too late: the terminal got 98 (or reversed it) and a reversal is already on its way.
            _log.Warning("Terminal {0}: the centre answered {1} for {2} after it was {3}; the reversal stands",
                _key, decision.ResponseCode, decision.Rrn, entry.Status);
            return;
        }
        Timers.Cancel(decision.Rrn);
        var written = System.Diagnostics.Stopwatch.GetTimestamp();
        Persist(new TransactionCompleted(decision.Rrn, decision.ResponseCode, decision.AuthCode, decision.Balance), e =>
        {
            SwitchMeters.JournalWritten(SwitchMeters.TerminalWriter, written);
            Apply(e);
            if (entry.IsApproved)
                _services.Risk.RecordApproval(entry.Record.Kind, entry.Record.PanToken, entry.Record.Amount, entry.Record.SettlementDate);
            AnswerWaiting(entry);
        });
    }

    private void OnCentreNotSent(CentreNotSent notSent)
    {
        var entry = _state.ByRrn(notSent.Rrn);
        if (entry is not { Status: TransactionStatus.Pending }) return;
        // Nothing reached the centre, so there is nothing to reverse: a plain decline.
        _log.Warning("Terminal {0}: {1} could not be sent to the centre ({2}): 91", _key, notSent.Rrn, notSent.Reason);
        Timers.Cancel(notSent.Rrn);
        Persist(new TransactionCompleted(notSent.Rrn, ResponseCodes.IssuerOrSwitchInoperative, null, null), e =>
        {
            Apply(e);
            AnswerWaiting(entry);
        });
    }

    private void OnAnswerDeadline(AnswerDeadline deadline)
    {
        var entry = _state.ByRrn(deadline.Rrn);
        if (entry is not { Status: TransactionStatus.Pending }) return;
        _log.Warning("Terminal {0}: no answer from the centre for {1} within {2}: 98, reversal queued",
            _key, deadline.Rrn, _services.Settings.AnswerDeadline);
        Persist(new TransactionTimedOut(deadline.Rrn), e =>
        {
            Apply(e);
            AnswerWaiting(entry);
            HandOverToStoreAndForward();
        });
    }

    private void AnswerWaiting(TransactionEntry entry)
    {
        if (!_waiting.Remove(entry.Record.Rrn, out var requests)) return;
        foreach (var request in requests) AnswerFromEntry(request, entry);
    }

    /// <summary>The answer a journaled transaction gets, first time or on a repeat (same F39, F37, F38; fresh MAC).</summary>
    private void AnswerFromEntry(PosRequest request, TransactionEntry entry)
    {
        var code = entry.Status switch
        {
            TransactionStatus.Reversed when entry.ResponseCode is null => ResponseCodes.NoAnswerFromCentre,
            _ => entry.ResponseCode ?? ResponseCodes.NoAnswerFromCentre,
        };
        ReplyFinancial(request, code, answer =>
        {
            if (code != ResponseCodes.Approved) return;
            answer.SetAscii(37, entry.Record.Rrn);
            if (entry.AuthCode is { } auth) answer.SetAscii(38, auth);
            if (entry.Balance is { } balance) answer.SetAscii(54, balance);
        }, settlementDate: entry.Record.SettlementDate);
    }

    private void AnswerLocally(PosRequest request, in CommonFields common, string code)
    {
        _localAnswers[common.Key] = new LocalAnswer(common.PanToken, common.Amount, common.ProcessingCode, code);
        ReplyFinancial(request, code);
    }

    /// <summary>
    /// What every new financial request and advice passes before anything else: readable common
    /// fields, not a repeat (a repeat is answered here), the batch in force, a registered terminal.
    /// </summary>
    private bool TryAdmit(PosRequest request, out CommonFields common, out Terminal terminal, out Merchant merchant)
    {
        terminal = null!;
        merchant = null!;
        return TryReadCommon(request, out common) && !AnswerIfRepeat(request, common) && CheckBatch(request, common)
               && TryRegistration(request, out terminal, out merchant);
    }

    /// <summary>
    /// A request with the batch, trace and MTI of an earlier one: the same content gets the stored
    /// answer (and never reaches the centre again); different content gets 94.
    /// </summary>
    private bool AnswerIfRepeat(PosRequest request, in CommonFields common)
    {
        if (_state.ByRequest(common.Key) is { } entry)
        {
            var r = entry.Record;
            if (r.PanToken != common.PanToken || r.Amount != common.Amount || r.ProcessingCode != common.ProcessingCode)
            {
                _log.Warning("Terminal {0}: trace {1} of batch {2} repeated with different content: 94", _key, common.Trace, common.Batch);
                ReplyFinancial(request, ResponseCodes.Duplicate);
            }
            else if (entry.Status == TransactionStatus.Pending)
            {
                _waiting.TryGetValue(r.Rrn, out var waiting);
                (waiting ??= _waiting[r.Rrn] = []).Add(request);
            }
            else
            {
                AnswerFromEntry(request, entry);
            }
            return true;
        }
        if (_localAnswers.TryGetValue(common.Key, out var local))
        {
            var same = local.PanToken == common.PanToken && local.Amount == common.Amount && local.ProcessingCode == common.ProcessingCode;
            ReplyFinancial(request, same ? local.ResponseCode : ResponseCodes.Duplicate);
            return true;
        }
        return false;
    }

    /// <summary>Financial requests must use the batch the switch gave at sign-on (or the next one after a settlement).</summary>
    private bool CheckBatch(PosRequest request, in CommonFields common)
    {
        if (common.Batch == _state.Batch) return true;
        _log.Info("Terminal {0}: batch {1} is not the batch in force ({2}): 12", _key, common.Batch, _state.Batch);
        ReplyFinancial(request, ResponseCodes.InvalidTransaction, processingRequirement: 3);
        return false;
    }

    private bool TryRegistration(PosRequest request, out Terminal terminal, out Merchant merchant)
    {
        terminal = RegisteredTerminal!;
        merchant = terminal is null ? null! : _services.Registry.FindMerchant(terminal.MerchantId)!;
        if (terminal is not null && merchant is not null) return true;
        ReplyFinancial(request, ResponseCodes.TerminalNotRegistered);
        return false;
    }

    /// <summary>A void names its original by F61 (batch, trace): same terminal and batch, approved, not voided, same amount.</summary>
    private bool TryFindVoidOriginal(PosRequest request, in CommonFields common, PosMessageKind kind, out TransactionEntry original)
    {
        original = null!;
        var expected = kind == PosMessageKind.PurchaseVoid ? PosMessageKind.Purchase : PosMessageKind.PreAuthorisationCompletion;
        if (!Field61.TryRead(_request, out var f61) || _state.Original(f61.OriginalBatch, f61.OriginalTrace) is not { } found
            || found.Record.Kind != expected || found.Record.PanToken != common.PanToken)
        {
            AnswerLocally(request, common, ResponseCodes.OriginalNotFound);
            return false;
        }
        var alreadyVoided = _state.Transactions.Any(t => t.Record.OriginalRrn == found.Record.Rrn && t.IsApproved
            && t.Record.Kind is PosMessageKind.PurchaseVoid or PosMessageKind.PreAuthorisationCompletionVoid);
        var code = !found.IsApproved || alreadyVoided || found.Record.Batch != _state.Batch ? ResponseCodes.InvalidTransaction
            : found.Record.Amount != common.Amount ? ResponseCodes.OriginalAmountWrong
            : null;
        if (code is not null)
        {
            AnswerLocally(request, common, code);
            return false;
        }
        original = found;
        return true;
    }

    private TransactionRecord NewRecord(PosMessageKind kind, in CommonFields common, DateTimeOffset now, DateOnly settlementDate,
        string? originalRrn) =>
        new(_services.Rrns.Next(), kind, _request.Mti, common.Batch, common.Trace, common.PanToken,
            Security.EncryptPan(_services.PanDataKey, common.Pan), common.PanMasked, common.Amount, common.ProcessingCode,
            common.EntryMode, common.ConditionCode, now, settlementDate, originalRrn);

    private string ReadDigits(int field)
    {
        Span<char> digits = stackalloc char[128];
        return _request.TryGetDigits(field, digits, out var n) ? new string(digits[..n]) : "";
    }

    private sealed record LocalAnswer(string PanToken, long Amount, int ProcessingCode, string ResponseCode);
}
