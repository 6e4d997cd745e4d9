using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ActorSwitch.Iso8583;
using ActorSwitch.Security.Module;
using ActorSwitch.Switch.Centre;
using ActorSwitch.Switch.Diagnostics;
using ActorSwitch.Switch.Pos;
using ActorSwitch.Switch.Registry;

namespace ActorSwitch.Switch.Terminals;

/// <summary>
/// One POS terminal (sharded by merchant id + terminal id). It checks MACs, applies the risk rules,
/// forwards to the centre and answers, keeping in its journal what settlement and recovery need.
/// The invariant it exists for: nothing leaves for the centre before it is journaled, and no
/// approval reaches the terminal before the approval is journaled. Each concern is a partial file:
/// sign-on, online transactions, reversals, advices, store and forward.
/// </summary>
public sealed partial class TerminalEntity : UntypedPersistentActor, IWithTimers
{
    private const int SnapshotEvery = 500;

    private readonly TerminalServices _services;
    private readonly TerminalKey _key;
    private readonly TerminalState _state = new();
    private readonly IsoMessage _request = new(Dialects.UnionPayPos);
    private readonly PosAnswerWriter _answers = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Memoised MAC calculator for the current MAK (rebuilt when the MAK changes).
    private ModuleMacCalculator? _mac;

    public TerminalEntity(string entityId, TerminalServices services)
    {
        _services = services;
        var separator = entityId.IndexOf(':');
        _key = new TerminalKey(entityId[..separator], entityId[(separator + 1)..]);
        PersistenceId = PersistenceIdOf(entityId);
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The journal's name for a terminal entity (<c>terminal-M:T</c>).</summary>
    public static string PersistenceIdOf(string entityId) => PersistenceIdPrefix + entityId;

    /// <summary>The entity id (<c>M:T</c>) of a terminal entity's persistence id; other ids unchanged.</summary>
    public static string EntityIdOf(string persistenceId) =>
        persistenceId.StartsWith(PersistenceIdPrefix, StringComparison.Ordinal) ? persistenceId[PersistenceIdPrefix.Length..] : persistenceId;

    /// <summary>The merchant and terminal of a terminal entity's persistence id.</summary>
    public static (string MerchantId, string TerminalId) TerminalOf(string persistenceId)
    {
        var entity = EntityIdOf(persistenceId);
        var colon = entity.IndexOf(':');
        return colon < 0 ? (entity, "") : (entity[..colon], entity[(colon + 1)..]);
    }

    private const string PersistenceIdPrefix = "terminal-";

    public static Props Props(string entityId, TerminalServices services) =>
        Akka.Actor.Props.Create(() => new TerminalEntity(entityId, services));

    private ISecurityModule Security => _services.Security;

    protected override void PreStart()
    {
        SwitchMeters.TerminalEntityStarted();
        base.PreStart();
    }

    protected override void PostStop()
    {
        SwitchMeters.TerminalEntityStopped();
        base.PostStop();
    }

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case ITerminalEvent e:
                _state.Apply(e);
                break;
            case SnapshotOffer { Snapshot: TerminalSnapshot snapshot }:
                _state.Restore(snapshot);
                break;
        }
    }

    /// <summary>
    /// After a restart or a crash: whatever was forwarded with no known outcome may have been approved
    /// by the centre, so it is reversed there (and stays unknown to nobody). The orphans are the
    /// transactions pending when the journal is replayed, named now: requests stashed during recovery
    /// run before the reversal does, and what they start is not an orphan.
    /// </summary>
    protected override void OnReplaySuccess() =>
        Self.Tell(new ReverseOrphans(_state.Transactions.Where(t => t.Status == TransactionStatus.Pending).Select(t => t.Record.Rrn).ToList()));

    private void OnReverseOrphans(ReverseOrphans recovered)
    {
        var orphans = recovered.Rrns.Where(rrn => _state.ByRrn(rrn) is { Status: TransactionStatus.Pending })
            .Select(rrn => new TransactionTimedOut(rrn)).ToList();
        foreach (var orphan in orphans)
            _log.Warning("Terminal {0}: transaction {1} was forwarded before a restart with no known outcome; reversing it", _key, orphan.Rrn);
        if (orphans.Count > 0) PersistAll(orphans, Apply);
        DeferAsync(0, _ => HandOverToStoreAndForward());
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case PosRequest request:
                OnPosRequest(request);
                break;
            case CentreDecision decision:
                OnCentreDecision(decision);
                break;
            case CentreNotSent notSent:
                OnCentreNotSent(notSent);
                break;
            case AnswerDeadline deadline:
                OnAnswerDeadline(deadline);
                break;
            case Purse.OfflineRecordClaim claim:
                OnPurseClaim(claim);
                break;
            case PurseClaimTimedOut timedOut:
                OnPurseClaimTimedOut(timedOut);
                break;
            case StoreAndForwardAccepted accepted:
                OnStoreAndForwardAccepted(accepted);
                break;
            case ReverseOrphans recovered:
                OnReverseOrphans(recovered);
                break;
            case RetryStoreAndForward:
                HandOverToStoreAndForward();
                break;
            case IssueTerminalMasterKey:
                OnIssueTerminalMasterKey();
                break;
            case GetTerminalStatus:
                Sender.Tell(new TerminalStatus(_state.TmkBlock is not null, _state.SignedOn, _state.Batch,
                    _state.Transactions.Count(t => t.Status == TransactionStatus.Pending), _state.Transactions.Count));
                break;
            case SaveSnapshotSuccess:
                // The journal is kept whole: it is the audit trail, and end of day and the open-
                // transaction sweep read it by tag. Snapshots only shorten recovery.
                break;
            case SaveSnapshotFailure failure:
                _log.Warning(failure.Cause, "Terminal {0}: snapshot failed", _key);
                break;
            case WakeTerminal:
                break; // starting the entity was the point: recovery reverses what was left open
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnPosRequest(PosRequest request)
    {
        if (!Load(request))
        {
            // The front end parsed this frame already; failing here means a bug, not bad input.
            _log.Error("Terminal {0}: a frame the front end accepted does not parse", _key);
            return;
        }
        var kind = PosMessageKinds.Classify(_request);
        var missing = kind == PosMessageKind.Unknown ? 0 : RequiredFields.FirstMissing(_request, kind);
        if (missing != 0)
        {
            _log.Info("Terminal {0}: {1} without mandatory field {2}: 30", _key, kind, missing);
            Reply(request, ResponseCodes.FormatError);
            return;
        }

        // Every financial and batch request carries a MAC under the working MAK: no keys, no service.
        if (PosMessageKinds.CarriesMac(_request.Mti))
        {
            if (!_state.SignedOn)
            {
                _log.Info("Terminal {0}: {1} before sign-on: A0", _key, kind);
                Reply(request, ResponseCodes.MacFailed, processingRequirement: 3);
                return;
            }
            if (!_request.Has(64) || !Mac.Verify(_request.ReceivedMacBlock, _request.ReceivedMac))
            {
                _log.Warning("Terminal {0}: MAC failed on {1} trace {2}: A0, not forwarded", _key, kind, Trace);
                Reply(request, ResponseCodes.MacFailed);
                return;
            }
        }

        switch (kind)
        {
            case PosMessageKind.SignOn:
                OnSignOn(request);
                break;
            case PosMessageKind.SignOff:
                OnSignOff(request);
                break;
            case PosMessageKind.Echo or PosMessageKind.StatusUpload:
                Reply(request, ResponseCodes.Approved);
                break;
            case PosMessageKind.Reversal:
                OnReversal(request);
                break;
            case PosMessageKind.Refund or PosMessageKind.OfflineSettlement:
                OnAdvice(request, kind);
                break;
            case PosMessageKind.BatchSettlement:
                OnBatchSettlement(request);
                break;
            case PosMessageKind.BatchUpload:
                OnBatchUpload(request);
                break;
            case PosMessageKind.BatchUploadEnd:
                OnBatchUploadEnd(request);
                break;
            case PosMessageKind.OfflinePurseUpload:
                OnPurseUpload(request);
                break;
            case var online when PosMessageKinds.IsOnlineFinancial(online):
                OnOnlineFinancial(request, online);
                break;
            case PosMessageKind.Unknown:
                _log.Info("Terminal {0}: MTI {1:D4} matches no transaction of the dialect: 12", _key, _request.Mti);
                ReplyFinancial(request, ResponseCodes.InvalidTransaction);
                break;
            default:
                // Parameter, IC key and blacklist downloads: terminal management, not served yet.
                _log.Info("Terminal {0}: {1} is not supported: 40", _key, kind);
                ReplyFinancial(request, ResponseCodes.FunctionNotSupported);
                break;
        }
    }

    private int Trace => _request.TryGetUInt64(11, out var trace) ? (int)trace : -1;

    private ModuleMacCalculator Mac
    {
        get
        {
            var block = _state.MacKeyBlock ?? throw new InvalidOperationException("No MAK: the terminal is not signed on.");
            if (_mac is null || _mac.Key.KeyBlock != block)
                _mac = new ModuleMacCalculator(Security, KeyHandle.FromKeyBlock(block), MacAlgorithm.UnionPayEcb);
            return _mac;
        }
    }

    /// <summary>
    /// Makes <see cref="_request"/> hold <paramref name="request"/>. Persist handlers run after other
    /// commands may have reused the buffer, so every answer path starts here (a re-parse costs ~0.1 µs).
    /// </summary>
    private bool Load(PosRequest request)
    {
        if (ReferenceEquals(_loadedFrame, request.Frame)) return true;
        _loadedFrame = null;
        if (!IsoReader.TryParse(request.Frame, _request, out _)) return false;
        _loadedFrame = request.Frame;
        return true;
    }

    private byte[]? _loadedFrame;

    /// <summary>
    /// Answers with switch time and settlement date (a journaled transaction's own: one in flight at a
    /// cut-off keeps its day), and a MAC when the MTI carries one.
    /// </summary>
    private void ReplyFinancial(PosRequest request, string code, Action<IsoMessage>? extra = null, int processingRequirement = 0,
        DateOnly? settlementDate = null)
    {
        Load(request);
        var kind = PosMessageKinds.Classify(_request);
        var now = _services.Now;
        var answer = _answers.Begin(_request, code, processingRequirement);
        _answers.SetTimes(_services.Calendar.LocalTime(now), settlementDate ?? _services.Calendar.SettlementDate(now));
        extra?.Invoke(answer);
        var mac = PosMessageKinds.CarriesMac(answer.Mti) && _state.SignedOn ? Mac : null;
        SwitchMeters.PosAnswered(kind, code, request.ReceivedAt);
        request.ReplyTo.Tell(new PosAnswer(_answers.Finish(mac)));
    }

    /// <summary>A plain answer (no switch time, no MAC): format errors, MAC failures, management messages.</summary>
    private void Reply(PosRequest request, string code, int processingRequirement = 0)
    {
        Load(request);
        var kind = PosMessageKinds.Classify(_request);
        _answers.Begin(_request, code, processingRequirement);
        SwitchMeters.PosAnswered(kind, code, request.ReceivedAt);
        request.ReplyTo.Tell(new PosAnswer(_answers.Finish(mac: null)));
    }

    private void Apply(ITerminalEvent e)
    {
        _state.Apply(e);
        if (LastSequenceNr % SnapshotEvery == 0 && LastSequenceNr > 0)
        {
            _state.Prune(_services.Now);
            SaveSnapshot(_state.ToSnapshot());
        }
    }

    private Terminal? RegisteredTerminal => _services.Registry.FindTerminal(_key);

    private sealed record AnswerDeadline(string Rrn);

    private sealed record ReverseOrphans(IReadOnlyList<string> Rrns);

    private sealed record RetryStoreAndForward
    {
        public static readonly RetryStoreAndForward Instance = new();
    }
}
