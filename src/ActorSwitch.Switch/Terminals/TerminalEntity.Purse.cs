using Akka.Actor;
using Akka.Event;
using ActorSwitch.Iso8583;
using ActorSwitch.Security.Purse;
using ActorSwitch.Switch.Pos;
using ActorSwitch.Switch.Purse;

namespace ActorSwitch.Switch.Terminals;

/// <summary>
/// Offline e-purse purchase records (0320, 60.1 = 36, F58): the TAC is verified in the security
/// module (card key diversified from the issuer's TAC master key by the card serial); a bad TAC is
/// answered A7 and kept with its reason; a record whose TAC verifies is counted once across the
/// platform (card serial + offline sequence, whatever terminal or node presents it) and counts as a
/// debit of the batch.
/// </summary>
public sealed partial class TerminalEntity
{
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(10);

    // Records waiting for their card's answer, by card serial and offline sequence.
    private readonly Dictionary<(string Serial, int Sequence), PendingPurseRecord> _pendingPurse = new();

    private void OnPurseUpload(PosRequest request)
    {
        if (!Field60.TryRead(_request, out var f60) || !CheckPurseBatch(request, f60.BatchNumber)) return;
        var key = new RequestKey(f60.BatchNumber, Trace, _request.Mti);
        if (_state.ByRequest(key) is { } accepted)
        {
            AnswerFromEntry(request, accepted); // a repeat of an accepted record
            return;
        }
        if (_localAnswers.TryGetValue(key, out var local))
        {
            ReplyFinancial(request, local.ResponseCode);
            return;
        }

        var text = _request.GetAscii(58);
        if (text is null || !OfflinePurseRecord.TryParse(text, out var record))
        {
            _log.Info("Terminal {0}: F58 is not an 80-character purse record: 30", _key);
            ReplyFinancial(request, ResponseCodes.FormatError);
            return;
        }
        _request.TryGetUInt64(4, out var amount);
        if ((long)amount != record.Amount)
        {
            _log.Info("Terminal {0}: F4 {1} is not the purse record's amount {2}: 13", _key, amount, record.Amount);
            RememberLocal(request, key, ResponseCodes.InvalidAmount);
            return;
        }

        Span<byte> tacInput = stackalloc byte[OfflinePurseRecord.TacInputLength];
        record.WriteTacInput(tacInput);
        if (!Security.VerifyTac(_services.TacMasterKey, record.CardSerial, tacInput, record.Tac))
        {
            _log.Warning("Terminal {0}: purse record of card {1} sequence {2}: TAC does not verify: A7, kept for investigation",
                _key, Convert.ToHexString(record.CardSerial), record.OfflineSequence);
            Persist(new PurseRecordRejected(key.Batch, key.Trace, text, "TAC does not verify", _services.Now), e =>
            {
                Apply(e);
                RememberLocal(request, key, ResponseCodes.SecurityProcessingFailed);
            });
            return;
        }

        var serial = Convert.ToHexString(record.CardSerial);
        var pendingKey = (serial, (int)record.OfflineSequence);
        if (_pendingPurse.TryGetValue(pendingKey, out var pending))
        {
            pending.Requests.Add(request); // the same record again while its card answers
            return;
        }
        _pendingPurse[pendingKey] = new PendingPurseRecord([request], key, text, (long)amount);
        _services.PurseCards.Tell(new ClaimOfflineRecord(serial, record.OfflineSequence,
            new PurseRecordOwner(_key.EntityId, key.Batch, key.Trace)));
        Timers.StartSingleTimer(pendingKey, new PurseClaimTimedOut(serial, record.OfflineSequence), ClaimTimeout);
    }

    private void OnPurseClaim(OfflineRecordClaim claim)
    {
        var pendingKey = (claim.CardSerial, claim.OfflineSequence);
        if (!_pendingPurse.Remove(pendingKey, out var pending)) return;
        Timers.Cancel(pendingKey);
        Load(pending.Requests[0]);
        var mine = claim.Owner.TerminalEntityId == _key.EntityId && claim.Owner.Batch == pending.Key.Batch && claim.Owner.Trace == pending.Key.Trace;
        if (!mine)
        {
            _log.Warning("Terminal {0}: purse record of card {1} sequence {2} was counted already (terminal {3}): 94",
                _key, claim.CardSerial, claim.OfflineSequence, claim.Owner.TerminalEntityId);
            foreach (var r in pending.Requests) RememberLocal(r, pending.Key, ResponseCodes.Duplicate);
            return;
        }

        var now = _services.Now;
        var record = new TransactionRecord(_services.Rrns.Next(), PosMessageKind.OfflinePurseUpload, pending.Key.Mti, pending.Key.Batch,
            pending.Key.Trace, "purse:" + claim.CardSerial, "", claim.CardSerial, pending.Amount, 0, 0, 0, now,
            _services.Calendar.SettlementDate(now), null);
        PersistAll(new ITerminalEvent[]
        {
            new TransactionStarted(record),
            new TransactionCompleted(record.Rrn, ResponseCodes.Approved, null, null),
            new PurseRecordAccepted(record.Rrn, pending.Record),
        }, e =>
        {
            Apply(e);
            if (e is not PurseRecordAccepted) return;
            foreach (var r in pending.Requests) AnswerFromEntry(r, _state.ByRrn(record.Rrn)!);
        });
    }

    private void OnPurseClaimTimedOut(PurseClaimTimedOut timedOut)
    {
        if (!_pendingPurse.Remove((timedOut.CardSerial, timedOut.OfflineSequence), out var pending)) return;
        // Nothing was counted here; the terminal uploads the record again and gets a definite answer.
        _log.Warning("Terminal {0}: the purse card {1} did not answer in time: 96", _key, timedOut.CardSerial);
        foreach (var r in pending.Requests) ReplyFinancial(r, ResponseCodes.SystemMalfunction);
    }

    /// <summary>Purse records belong to the batch in force.</summary>
    private bool CheckPurseBatch(PosRequest request, int batch)
    {
        if (batch == _state.Batch) return true;
        ReplyFinancial(request, ResponseCodes.InvalidTransaction, processingRequirement: 3);
        return false;
    }

    private void RememberLocal(PosRequest request, RequestKey key, string code)
    {
        _localAnswers[key] = new LocalAnswer("", 0, 0, code);
        ReplyFinancial(request, code);
    }

    private sealed record PendingPurseRecord(List<PosRequest> Requests, RequestKey Key, string Record, long Amount);

    private sealed record PurseClaimTimedOut(string CardSerial, int OfflineSequence);
}
