using ActorSwitch.Iso8583;
using ActorSwitch.Switch.Pos;

namespace ActorSwitch.Switch.Terminals;

/// <summary>Where a transaction stands. The values are persisted in snapshots: never renumber.</summary>
public enum TransactionStatus : byte
{
    /// <summary>Forwarded to the centre; no decision yet.</summary>
    Pending = 0,
    Approved = 1,
    Declined = 2,
    /// <summary>No decision in time: answered 98 and reversed at the centre.</summary>
    TimedOut = 3,
    /// <summary>Reversed by the terminal's 0400.</summary>
    Reversed = 4,
}

/// <summary>A transaction as the terminal entity tracks it (built from its events).</summary>
public sealed class TransactionEntry(TransactionRecord record)
{
    public TransactionRecord Record { get; } = record;
    public TransactionStatus Status { get; set; } = TransactionStatus.Pending;
    public string? ResponseCode { get; set; }
    public string? AuthCode { get; set; }
    public string? Balance { get; set; }

    /// <summary>True once the store-and-forward queue holds this transaction's advice or reversal.</summary>
    public bool HandedToStoreAndForward { get; set; }

    /// <summary>The terminal asked for a reversal while the centre had not decided yet.</summary>
    public bool ReversalRequested { get; set; }

    /// <summary>No decision arrived in time: the terminal got 98 and the centre gets a reversal.</summary>
    public bool TimedOut { get; set; }

    /// <summary>The trace and batch of the 0400 that reversed it (for answering repeats of that 0400).</summary>
    public (int Trace, int Batch)? ReversedBy { get; set; }

    public bool IsApproved => Status == TransactionStatus.Approved;

    /// <summary>The 80-character record of an offline purse upload (for end of day's upload to the centre).</summary>
    public string? PurseRecord { get; set; }

    /// <summary>The centre must hear of this transaction through store and forward: an advice, or a reversal.</summary>
    public bool NeedsStoreAndForward =>
        !HandedToStoreAndForward &&
        (PosMessageKinds.IsAdvice(Record.Kind) && Status == TransactionStatus.Approved
         || Status is TransactionStatus.TimedOut or TransactionStatus.Reversed);

    /// <summary>What the store-and-forward queue must send: the advice itself, or a reversal.</summary>
    public bool StoreAndForwardIsReversal => Status is TransactionStatus.TimedOut or TransactionStatus.Reversed;
}

/// <summary>
/// A terminal's durable state, rebuilt from its events: keys (as handles), the batch in force, and
/// the transactions the switch must remember (for repeats, voids, refunds, reversals, totals).
/// </summary>
public sealed class TerminalState
{
    /// <summary>How long transactions are kept for refunds (the spec's 30 days, plus a day of margin).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(31);

    private readonly Dictionary<string, TransactionEntry> _byRrn = new(StringComparer.Ordinal);
    private readonly Dictionary<RequestKey, TransactionEntry> _byRequest = new();

    public string? TmkBlock { get; private set; }
    public string? PinKeyBlock { get; private set; }
    public string? MacKeyBlock { get; private set; }
    public string? TrackKeyBlock { get; private set; }
    public int Batch { get; private set; } = 1;
    public bool SignedOn => MacKeyBlock is not null;

    public IReadOnlyCollection<TransactionEntry> Transactions => _byRrn.Values;

    private readonly Dictionary<int, SettledBatch> _settled = new();
    private readonly List<PurseRecordRejected> _rejectedPurseRecords = [];

    /// <summary>Offline purse records refused (bad TAC), kept for investigation.</summary>
    public IReadOnlyList<PurseRecordRejected> RejectedPurseRecords => _rejectedPurseRecords;

    /// <summary>Batches the terminal settled that are still remembered (for repeats, uploads and end of day).</summary>
    public IReadOnlyDictionary<int, SettledBatch> Settled => _settled;

    /// <summary>The most recently settled batch: the only one that takes uploads.</summary>
    public int? LastSettledBatch { get; private set; }

    /// <summary>
    /// The switch's settlement totals of a batch (section 4): debits are approved purchases, completions,
    /// offline settlements and accepted purse records; credits approved voids and refunds. A voided
    /// purchase stays a debit (its void is the credit); reversed and declined transactions count nowhere.
    /// All cards are domestic until a card-BIN table says otherwise.
    /// </summary>
    public CardTotals TotalsOf(int batch)
    {
        var totals = default(CardTotals);
        foreach (var t in _byRrn.Values)
            if (t.Record.Batch == batch && t.Status == TransactionStatus.Approved)
                totals = totals.Add(SideOf(t.Record.Kind), t.Record.Amount);
        return totals;
    }

    public static TotalsSide SideOf(PosMessageKind kind) => kind switch
    {
        PosMessageKind.Purchase or PosMessageKind.PreAuthorisationCompletion or PosMessageKind.OfflineSettlement
            or PosMessageKind.OfflinePurseUpload => TotalsSide.Debit,
        PosMessageKind.PurchaseVoid or PosMessageKind.PreAuthorisationCompletionVoid or PosMessageKind.Refund => TotalsSide.Credit,
        _ => TotalsSide.None,
    };

    public TransactionEntry? ByRrn(string rrn) => _byRrn.GetValueOrDefault(rrn);

    /// <summary>The transaction a request (batch, trace, MTI) started, for repeat detection.</summary>
    public TransactionEntry? ByRequest(RequestKey key) => _byRequest.GetValueOrDefault(key);

    /// <summary>The original a void or reversal names: same terminal, batch and trace, an online financial MTI.</summary>
    public TransactionEntry? Original(int batch, int trace) =>
        _byRequest.GetValueOrDefault(new RequestKey(batch, trace, 200)) ?? _byRequest.GetValueOrDefault(new RequestKey(batch, trace, 100));

    public void Apply(ITerminalEvent e)
    {
        switch (e)
        {
            case TerminalMasterKeyInstalled k:
                TmkBlock = k.TmkBlock;
                PinKeyBlock = MacKeyBlock = TrackKeyBlock = null; // a new TMK voids the working keys
                break;
            case TerminalSignedOn s:
                PinKeyBlock = s.PinKeyBlock;
                MacKeyBlock = s.MacKeyBlock;
                TrackKeyBlock = s.TrackKeyBlock;
                Batch = s.Batch;
                break;
            case TerminalSignedOff:
                PinKeyBlock = MacKeyBlock = TrackKeyBlock = null;
                break;
            case TransactionStarted t:
                var entry = new TransactionEntry(t.Transaction);
                _byRrn[t.Transaction.Rrn] = entry;
                _byRequest[new RequestKey(t.Transaction.Batch, t.Transaction.Trace, t.Transaction.Mti)] = entry;
                break;
            case TransactionCompleted c when _byRrn.TryGetValue(c.Rrn, out var done):
                done.ResponseCode = c.ResponseCode;
                done.AuthCode = c.AuthCode;
                done.Balance = c.Balance;
                done.Status = c.ResponseCode == ResponseCodes.Approved ? TransactionStatus.Approved : TransactionStatus.Declined;
                break;
            case TransactionTimedOut t when _byRrn.TryGetValue(t.Rrn, out var late):
                late.Status = TransactionStatus.TimedOut;
                late.TimedOut = true;
                late.ResponseCode = ResponseCodes.NoAnswerFromCentre;
                break;
            case TransactionReversed r when _byRrn.TryGetValue(r.Rrn, out var reversed):
                // A decline needs nothing at the centre. An approval, or a request still waiting
                // for its decision, must be reversed there (unless a time-out already queued that).
                if (reversed.Status == TransactionStatus.Declined) reversed.HandedToStoreAndForward = true;
                reversed.Status = TransactionStatus.Reversed;
                reversed.ReversedBy = (r.ReversalTrace, r.ReversalBatch);
                _byRequest[new RequestKey(r.ReversalBatch, r.ReversalTrace, 400)] = reversed;
                break;
            case HandedToStoreAndForward h when _byRrn.TryGetValue(h.Rrn, out var handed):
                handed.HandedToStoreAndForward = true;
                break;
            case PurseRecordAccepted p when _byRrn.TryGetValue(p.Rrn, out var purse):
                purse.PurseRecord = p.Record;
                break;
            case PurseRecordRejected r:
                _rejectedPurseRecords.Add(r);
                break;
            case BatchSettled b:
                _settled[b.Batch] = new SettledBatch(b);
                LastSettledBatch = b.Batch;
                Batch = BatchNumber.Next(b.Batch);
                break;
            case BatchUploadReceived u when _settled.TryGetValue(u.Batch, out var uploaded):
                uploaded.UploadTraces.Add(u.Trace);
                uploaded.UploadedItems.AddRange(u.Items);
                break;
            case BatchUploadEnded end when _settled.TryGetValue(end.Batch, out var ended):
                ended.EndTrace = end.Trace;
                ended.EndCode = end.NetworkCode;
                break;
        }
    }

    public TerminalSnapshot ToSnapshot() => new(TmkBlock, PinKeyBlock, MacKeyBlock, TrackKeyBlock, Batch,
        _byRrn.Values.Select(t => new TransactionSnapshot(t.Record, t.Status, t.ResponseCode, t.AuthCode, t.Balance, t.TimedOut,
            t.HandedToStoreAndForward, t.ReversedBy?.Trace ?? -1, t.ReversedBy?.Batch ?? -1)).ToList(),
        _settled.Values.SelectMany(BatchEventsOf)
            .Concat(_byRrn.Values.Where(t => t.PurseRecord is not null).Select(t => new PurseRecordAccepted(t.Record.Rrn, t.PurseRecord!)))
            .Concat(_rejectedPurseRecords).ToList());

    private static IEnumerable<ITerminalEvent> BatchEventsOf(SettledBatch b)
    {
        yield return b.Settlement;
        // The uploads' traces and items, as one event per trace is not needed to rebuild the state.
        if (b.UploadTraces.Count > 0)
            foreach (var (trace, index) in b.UploadTraces.Select((t, i) => (t, i)))
                yield return new BatchUploadReceived(b.Settlement.Batch, trace, index == 0 ? b.UploadedItems.ToList() : []);
        if (b.EndTrace is { } endTrace) yield return new BatchUploadEnded(b.Settlement.Batch, endTrace, b.EndCode ?? 0);
    }

    public void Restore(TerminalSnapshot s)
    {
        (TmkBlock, PinKeyBlock, MacKeyBlock, TrackKeyBlock, Batch) = (s.TmkBlock, s.PinKeyBlock, s.MacKeyBlock, s.TrackKeyBlock, s.Batch);
        _byRrn.Clear();
        _byRequest.Clear();
        foreach (var t in s.Transactions)
        {
            var entry = new TransactionEntry(t.Record)
            {
                Status = t.Status, ResponseCode = t.ResponseCode, AuthCode = t.AuthCode, Balance = t.Balance,
                TimedOut = t.TimedOut, HandedToStoreAndForward = t.HandedToStoreAndForward,
                ReversedBy = t.ReversalTrace < 0 ? null : (t.ReversalTrace, t.ReversalBatch),
            };
            _byRrn[t.Record.Rrn] = entry;
            _byRequest[new RequestKey(t.Record.Batch, t.Record.Trace, t.Record.Mti)] = entry;
            if (entry.ReversedBy is { } by) _byRequest[new RequestKey(by.Batch, by.Trace, 400)] = entry;
        }
        _settled.Clear();
        _rejectedPurseRecords.Clear();
        foreach (var e in s.BatchEvents) Apply(e);
        Batch = s.Batch;
    }

    /// <summary>Forgets transactions past the refund window, so a terminal's state stays bounded.</summary>
    public void Prune(DateTimeOffset now)
    {
        var cutoff = now - Retention;
        foreach (var batch in _settled.Values.Where(b => b.Settlement.At < cutoff).Select(b => b.Settlement.Batch).ToList())
            if (batch != LastSettledBatch) _settled.Remove(batch);
        _rejectedPurseRecords.RemoveAll(r => r.At < cutoff);
        List<TransactionEntry>? old = null;
        foreach (var entry in _byRrn.Values)
            if (entry.Record.At < cutoff && entry.Status != TransactionStatus.Pending && !entry.NeedsStoreAndForward)
                (old ??= []).Add(entry);
        if (old is null) return;
        foreach (var entry in old)
        {
            _byRrn.Remove(entry.Record.Rrn);
            _byRequest.Remove(new RequestKey(entry.Record.Batch, entry.Record.Trace, entry.Record.Mti));
            if (entry.ReversedBy is { } by) _byRequest.Remove(new RequestKey(by.Batch, by.Trace, 400));
        }
    }
}

/// <summary>A settled batch: its settlement, and what the terminal uploaded of it afterwards.</summary>
public sealed class SettledBatch(BatchSettled settlement)
{
    public BatchSettled Settlement { get; } = settlement;
    public HashSet<int> UploadTraces { get; } = [];
    public List<UploadedItem> UploadedItems { get; } = [];
    public int? EndTrace { get; set; }
    public int? EndCode { get; set; }
}

/// <summary>A request's identity for repeat detection: batch (60.2), trace (F11) and MTI.</summary>
public readonly record struct RequestKey(int Batch, int Trace, int Mti);
