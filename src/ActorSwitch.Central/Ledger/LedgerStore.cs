using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ActorSwitch.Central.Ledger;

/// <summary>
/// The ledger's SQLite file (WAL). One writer connection, used only by the group-commit writer (and by
/// start-up before it runs); readers (control API, clearing) open their own connections and see only
/// committed batches. Clear PANs, PINs and track data never reach it: cards are keyed by PAN token.
/// </summary>
public sealed class LedgerStore : IDisposable
{
    public const string FileName = "central-ledger.db";

    /// <summary>Opening balances belong to no transaction; transaction ids start at 1.</summary>
    public const long OpeningTransactionId = 0;

    private const string Schema =
        """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS accounts(
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, balance_fen INTEGER NOT NULL,
            card_serial INTEGER UNIQUE, pan_token TEXT UNIQUE, pvv TEXT, pvk_index INTEGER,
            wrong_pins INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS transactions(
            id INTEGER PRIMARY KEY, acquirer TEXT NOT NULL, rrn TEXT NOT NULL, kind TEXT NOT NULL,
            mti INTEGER NOT NULL, processing_code TEXT NOT NULL, condition_code INTEGER NOT NULL,
            amount_fen INTEGER NOT NULL, currency TEXT, merchant_id TEXT, terminal_id TEXT, mcc TEXT,
            masked_pan TEXT, card_account_id INTEGER, trace INTEGER NOT NULL, transmitted TEXT,
            decided_at_ms INTEGER NOT NULL, response_code TEXT NOT NULL, auth_code TEXT, settlement_date TEXT NOT NULL,
            balance_fen INTEGER, original_id INTEGER, consumed_hold_fen INTEGER NOT NULL, hold_fen INTEGER NOT NULL,
            refunded_fen INTEGER NOT NULL, closed_by_id INTEGER, voided_by_id INTEGER, reversed INTEGER NOT NULL,
            reversal_response_code TEXT, reversal_settlement_date TEXT,
            UNIQUE(rrn, acquirer));
        CREATE INDEX IF NOT EXISTS transactions_by_settlement_date ON transactions(settlement_date);
        CREATE INDEX IF NOT EXISTS transactions_by_reversal_date ON transactions(reversal_settlement_date)
            WHERE reversal_settlement_date IS NOT NULL;
        CREATE TABLE IF NOT EXISTS postings(
            transaction_id INTEGER NOT NULL, entry TEXT NOT NULL, account_id INTEGER NOT NULL,
            debit_fen INTEGER NOT NULL, credit_fen INTEGER NOT NULL,
            PRIMARY KEY(transaction_id, entry, account_id)) WITHOUT ROWID;
        """;

    private const string TransactionColumns =
        "id, acquirer, rrn, kind, mti, processing_code, condition_code, amount_fen, currency, merchant_id, terminal_id, " +
        "mcc, masked_pan, card_account_id, trace, transmitted, decided_at_ms, response_code, auth_code, settlement_date, " +
        "balance_fen, original_id, consumed_hold_fen, hold_fen, refunded_fen, closed_by_id, voided_by_id, reversed, " +
        "reversal_response_code, reversal_settlement_date";

    private readonly SqliteConnection _connection;
    private readonly BatchCommands _commands;
    private readonly Dictionary<long, AccountRow> _lastAccountStates = [];

    public LedgerStore(string dataDir, string synchronous)
    {
        Directory.CreateDirectory(dataDir);
        Path = System.IO.Path.Combine(dataDir, FileName);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();
        _connection = new SqliteConnection(ConnectionString);
        _connection.Open();
        Execute($"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=5000;");
        Execute(Schema);
        _commands = new BatchCommands(_connection);
    }

    public string Path { get; }

    /// <summary>For read-only connections (control API, clearing).</summary>
    public string ConnectionString { get; }

    public string? GetMeta(string key)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    public void SetMeta(string key, string value)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    /// <summary>Creates the holds and funding accounts of a new ledger (idempotent).</summary>
    public void EnsureSystemAccounts()
    {
        Execute("""
            INSERT OR IGNORE INTO accounts(id, kind, name, balance_fen) VALUES (1, 'Funding', 'funding', 0);
            INSERT OR IGNORE INTO accounts(id, kind, name, balance_fen) VALUES (2, 'Holds', 'holds', 0);
            """);
    }

    public long CountCards()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM accounts WHERE kind = 'Card'";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Issues cards with their opening balances, each posted against the funding account, in one transaction.</summary>
    public void IssueCards(IReadOnlyList<IssuedCard> cards)
    {
        using var transaction = _connection.BeginTransaction();
        using var insert = _connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO accounts(id, kind, name, balance_fen, card_serial, pan_token, pvv, pvk_index)
            VALUES ($id, 'Card', $name, $balance, $serial, $token, $pvv, $index)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var balance = insert.Parameters.Add("$balance", SqliteType.Integer);
        var serial = insert.Parameters.Add("$serial", SqliteType.Integer);
        var token = insert.Parameters.Add("$token", SqliteType.Text);
        var pvv = insert.Parameters.Add("$pvv", SqliteType.Text);
        var index = insert.Parameters.Add("$index", SqliteType.Integer);
        using var nextId = _connection.CreateCommand();
        nextId.CommandText = "SELECT COALESCE(MAX(id), 0) + 1 FROM accounts";
        var next = (long)nextId.ExecuteScalar()!;
        long total = 0;
        var postings = new List<PostingRow>(cards.Count + 1);
        foreach (var card in cards)
        {
            id.Value = next;
            name.Value = card.MaskedPan;
            balance.Value = card.OpeningBalanceFen;
            serial.Value = card.Serial;
            token.Value = card.PanToken;
            pvv.Value = card.Pvv;
            index.Value = card.PvkIndex;
            insert.ExecuteNonQuery();
            postings.Add(new PostingRow(OpeningTransactionId, LedgerEngine.OpeningEntry, next, 0, card.OpeningBalanceFen));
            total += card.OpeningBalanceFen;
            next++;
        }
        // One entry: the funding account debited once with the total, each card credited with its balance.
        postings.Add(new PostingRow(OpeningTransactionId, LedgerEngine.OpeningEntry, 1, total, 0));
        foreach (var posting in postings) _commands.InsertPosting(posting, transaction);
        _commands.UpsertAccount(new AccountRow(1, AccountKind.Funding, "funding", FundingBalance() - total, 0), transaction);
        _commands.Flush(transaction);
        transaction.Commit();
    }

    private long FundingBalance()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT balance_fen FROM accounts WHERE id = 1";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Writes one group commit: every row of the batch in one SQLite transaction.</summary>
    public void Write(CommitBatch batch)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var row in batch.Transactions) _commands.UpsertTransaction(row, transaction);
        foreach (var row in batch.Postings) _commands.InsertPosting(row, transaction);
        // An account touched by many decisions of the batch is written once, with its last state.
        _lastAccountStates.Clear();
        foreach (var row in batch.Accounts) _lastAccountStates[row.Id] = row;
        foreach (var row in _lastAccountStates.Values) _commands.UpsertAccount(row, transaction);
        _commands.Flush(transaction);
        transaction.Commit();
    }

    public LedgerSnapshot Load()
    {
        var accounts = new List<Account>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT id, kind, name, balance_fen, card_serial, pan_token, pvv, pvk_index, wrong_pins FROM accounts ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var kind = Enum.Parse<AccountKind>(reader.GetString(1));
                accounts.Add(kind == AccountKind.Card
                    ? new CardAccount(reader.GetInt64(0), reader.GetInt32(4), reader.GetString(5), reader.GetString(2),
                        reader.GetString(6), reader.GetInt32(7), reader.GetInt64(3), reader.GetInt32(8))
                    : new Account(reader.GetInt64(0), kind, reader.GetString(2), reader.GetInt64(3)));
            }
        }
        var transactions = new List<TransactionRow>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = $"SELECT {TransactionColumns} FROM transactions ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read()) transactions.Add(ReadTransaction(reader));
        }
        return new LedgerSnapshot(accounts, transactions);
    }

    internal static TransactionRow ReadTransaction(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0), Acquirer = r.GetString(1), Rrn = r.GetString(2), Kind = TransactionKinds.Parse(r.GetString(3)),
        Mti = r.GetInt32(4), ProcessingCode = r.GetString(5), ConditionCode = r.GetInt32(6), AmountFen = r.GetInt64(7),
        Currency = Text(r, 8), MerchantId = Text(r, 9), TerminalId = Text(r, 10), Mcc = Text(r, 11), MaskedPan = Text(r, 12),
        CardAccountId = Integer(r, 13), Trace = r.GetInt32(14), Transmitted = Text(r, 15),
        DecidedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(16)), ResponseCode = r.GetString(17),
        AuthCode = Text(r, 18), SettlementDate = DateOnly.ParseExact(r.GetString(19), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        BalanceFen = Integer(r, 20), OriginalId = Integer(r, 21), ConsumedHoldFen = r.GetInt64(22), HoldFen = r.GetInt64(23),
        RefundedFen = r.GetInt64(24), ClosedById = Integer(r, 25), VoidedById = Integer(r, 26), Reversed = r.GetInt64(27) != 0,
        ReversalResponseCode = Text(r, 28),
        ReversalSettlementDate = Text(r, 29) is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
    };

    internal static string SelectTransactions(string where) => $"SELECT {TransactionColumns} FROM transactions WHERE {where}";

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long? Integer(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _commands.Dispose();
        _connection.Dispose();
    }
}

/// <summary>A card to issue: everything the ledger keeps of it (no clear PAN, no PIN).</summary>
public sealed record IssuedCard(int Serial, string PanToken, string MaskedPan, string Pvv, int PvkIndex, long OpeningBalanceFen);
