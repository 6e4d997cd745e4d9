using System.Collections.Frozen;

namespace ActorSwitch.Central.Ledger;

/// <summary>
/// The centre's accounts and transactions in memory, authoritative while the process runs. Every decision
/// is taken under one lock, holds no I/O, and leaves its rows in the current <see cref="CommitBatch"/>;
/// the <see cref="GroupCommitWriter"/> makes a batch durable before any of its answers leaves.
/// </summary>
/// <remarks>Split by concern: this file holds state, start-up and batches; LedgerEngine.Transactions.cs the
/// decisions on new requests, LedgerEngine.Reversals.cs the reversals, PostingRules.cs the double entries.</remarks>
public sealed partial class LedgerEngine
{
    private readonly object _gate = new();
    private readonly SettlementClock _clock;
    private readonly long _maxAmountFen;
    private readonly FrozenDictionary<string, CardAccount> _cardsByToken;
    private readonly FrozenDictionary<int, CardAccount> _cardsBySerial;
    private readonly Dictionary<string, Account> _settlementByAcquirer = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Acquirer, string Rrn), TransactionRecord> _transactions = [];
    private readonly Account _holds;
    private readonly SemaphoreSlim _writerWork = new(0);

    // Reused under the lock: what the decision in progress changed, snapshotted at its end.
    private readonly List<Account> _touchedAccounts = [];
    private readonly List<TransactionRecord> _touchedRecords = [];

    private long _nextTransactionId;
    private long _nextAccountId;
    private CommitBatch _current = new();

    public LedgerEngine(LedgerSnapshot snapshot, SettlementClock clock, long maxAmountFen)
    {
        _clock = clock;
        _maxAmountFen = maxAmountFen;
        var cards = snapshot.Accounts.OfType<CardAccount>().ToList();
        _cardsByToken = cards.ToFrozenDictionary(c => c.PanToken, StringComparer.Ordinal);
        _cardsBySerial = cards.ToFrozenDictionary(c => c.Serial);
        foreach (var settlement in snapshot.Accounts.Where(a => a.Kind == AccountKind.Settlement))
            _settlementByAcquirer.Add(settlement.Name, settlement);
        _holds = snapshot.Accounts.Single(a => a.Kind == AccountKind.Holds);
        _nextAccountId = snapshot.Accounts.Max(a => a.Id) + 1;
        _nextTransactionId = snapshot.Transactions.Count == 0 ? 1 : snapshot.Transactions.Max(t => t.Id) + 1;
        Rebuild(snapshot, cards);
    }

    public SettlementClock Clock => _clock;

    public int CardCount => _cardsByToken.Count;

    public int TransactionCount
    {
        get { lock (_gate) return _transactions.Count; }
    }

    /// <summary>The card of a PAN token, without the lock: the card set is fixed once the ledger is loaded
    /// and the fields read here (PVV, PVK index) never change.</summary>
    public CardAccount? FindCard(string panToken) => _cardsByToken.GetValueOrDefault(panToken);

    public CardAccount? FindCardBySerial(int serial) => _cardsBySerial.GetValueOrDefault(serial);

    /// <summary>Decides a financial request (a reversal or a transaction) and queues its rows.</summary>
    public Decision Decide(FinancialRequest request, PinCheck pin, string? injectedDecline)
    {
        lock (_gate)
        {
            var now = _clock.Time.GetUtcNow();
            var date = _clock.DateFor(now);
            var batch = _current;
            var answer = request.IsReversal ? Reverse(request, now, date) : Transact(request, pin, injectedDecline, now, date);
            FlushTouched(batch);
            batch.Decisions++;
            if (!batch.WriterSignalled)
            {
                batch.WriterSignalled = true;
                _writerWork.Release();
            }
            return answer with { Batch = batch };
        }
    }

    /// <summary>Blocks the writer until a batch has something waiting on it.</summary>
    internal bool WaitForWork(TimeSpan timeout) => _writerWork.Wait(timeout);

    /// <summary>Hands the current batch to the writer and opens the next one.</summary>
    internal CommitBatch TakeBatch()
    {
        lock (_gate)
        {
            var batch = _current;
            _current = new CommitBatch();
            return batch;
        }
    }

    /// <summary>Runs a read of the in-memory state under the lock (control API: card balances).</summary>
    public T Read<T>(Func<T> read)
    {
        lock (_gate) return read();
    }

    private Account SettlementAccount(string acquirer)
    {
        if (!_settlementByAcquirer.TryGetValue(acquirer, out var account))
        {
            account = new Account(_nextAccountId++, AccountKind.Settlement, acquirer, 0);
            _settlementByAcquirer.Add(acquirer, account);
            Touch(account);
        }
        return account;
    }

    private void Touch(Account account)
    {
        if (!_touchedAccounts.Contains(account)) _touchedAccounts.Add(account);
    }

    private void Touch(TransactionRecord record)
    {
        if (!_touchedRecords.Contains(record)) _touchedRecords.Add(record);
    }

    private void FlushTouched(CommitBatch batch)
    {
        foreach (var account in _touchedAccounts) batch.Accounts.Add(account.ToRow());
        foreach (var record in _touchedRecords) batch.Transactions.Add(record.ToRow());
        _touchedAccounts.Clear();
        _touchedRecords.Clear();
    }

    private void Rebuild(LedgerSnapshot snapshot, List<CardAccount> cards)
    {
        var byId = new Dictionary<long, TransactionRecord>(snapshot.Transactions.Count);
        var cardsById = cards.ToDictionary(c => c.Id);
        foreach (var row in snapshot.Transactions)
        {
            var record = new TransactionRecord(row.Id, row.Acquirer, row.Rrn)
            {
                Kind = row.Kind, Mti = row.Mti, ProcessingCode = row.ProcessingCode, ConditionCode = row.ConditionCode,
                AmountFen = row.AmountFen, Currency = row.Currency, MerchantId = row.MerchantId, TerminalId = row.TerminalId,
                Mcc = row.Mcc, MaskedPan = row.MaskedPan, Card = row.CardAccountId is { } c ? cardsById.GetValueOrDefault(c) : null,
                Trace = row.Trace, Transmitted = row.Transmitted, DecidedAt = row.DecidedAt, ResponseCode = row.ResponseCode,
                AuthCode = row.AuthCode, SettlementDate = row.SettlementDate, BalanceFen = row.BalanceFen,
                ConsumedHoldFen = row.ConsumedHoldFen, HoldFen = row.HoldFen, RefundedFen = row.RefundedFen,
                Reversed = row.Reversed, ReversalResponseCode = row.ReversalResponseCode,
                ReversalSettlementDate = row.ReversalSettlementDate,
            };
            byId.Add(record.Id, record);
            _transactions.Add((record.Acquirer, record.Rrn), record);
            if (record.Kind == TransactionKind.PreAuthorization && record.HoldFen > 0 && record.Card is { } card)
                card.HeldFen += record.HoldFen;
        }
        foreach (var row in snapshot.Transactions)
        {
            var record = byId[row.Id];
            record.Original = row.OriginalId is { } o ? byId.GetValueOrDefault(o) : null;
            record.ClosedBy = row.ClosedById is { } closed ? byId.GetValueOrDefault(closed) : null;
            record.VoidedBy = row.VoidedById is { } voided ? byId.GetValueOrDefault(voided) : null;
        }
    }


}

/// <summary>What the store loaded at start: every account and every transaction row.</summary>
public sealed record LedgerSnapshot(IReadOnlyList<Account> Accounts, IReadOnlyList<TransactionRow> Transactions);
