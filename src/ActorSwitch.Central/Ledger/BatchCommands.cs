using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ActorSwitch.Central.Ledger;

/// <summary>The writer's prepared statements, created once and reused for every row of every batch.</summary>
internal sealed class BatchCommands : IDisposable
{
    private static readonly string[] TransactionColumns =
    [
        "id", "acquirer", "rrn", "kind", "mti", "processing_code", "condition_code", "amount_fen", "currency",
        "merchant_id", "terminal_id", "mcc", "masked_pan", "card_account_id", "trace", "transmitted", "decided_at_ms",
        "response_code", "auth_code", "settlement_date", "balance_fen", "original_id", "consumed_hold_fen", "hold_fen",
        "refunded_fen", "closed_by_id", "voided_by_id", "reversed", "reversal_response_code", "reversal_settlement_date",
    ];

    private readonly ChunkedStatement _transactions;
    private readonly ChunkedStatement _postings;
    private readonly ChunkedStatement _accounts;
    private DateOnly _lastDate;
    private string? _lastDateText;

    public BatchCommands(SqliteConnection connection)
    {
        // A record changed twice in one batch is two rows of the same id: the later one updates the earlier.
        _transactions = new ChunkedStatement(connection, "transactions", TransactionColumns,
            "ON CONFLICT(id) DO UPDATE SET " + string.Join(", ", TransactionColumns.Skip(1).Select(c => $"{c} = excluded.{c}")), 4);
        _postings = new ChunkedStatement(connection, "postings",
            ["transaction_id", "entry", "account_id", "debit_fen", "credit_fen"], "", 8);
        _accounts = new ChunkedStatement(connection, "accounts", ["id", "kind", "name", "balance_fen", "wrong_pins"],
            "ON CONFLICT(id) DO UPDATE SET balance_fen = excluded.balance_fen, wrong_pins = excluded.wrong_pins", 8);
    }

    public void UpsertTransaction(TransactionRow r, SqliteTransaction transaction)
    {
        var p = _transactions.NextRow(transaction);
        p[0].Value = r.Id;
        p[1].Value = r.Acquirer;
        p[2].Value = r.Rrn;
        p[3].Value = r.Kind.Name();
        p[4].Value = r.Mti;
        p[5].Value = r.ProcessingCode;
        p[6].Value = r.ConditionCode;
        p[7].Value = r.AmountFen;
        p[8].Value = Nullable(r.Currency);
        p[9].Value = Nullable(r.MerchantId);
        p[10].Value = Nullable(r.TerminalId);
        p[11].Value = Nullable(r.Mcc);
        p[12].Value = Nullable(r.MaskedPan);
        p[13].Value = Nullable(r.CardAccountId);
        p[14].Value = r.Trace;
        p[15].Value = Nullable(r.Transmitted);
        p[16].Value = r.DecidedAt.ToUnixTimeMilliseconds();
        p[17].Value = r.ResponseCode;
        p[18].Value = Nullable(r.AuthCode);
        p[19].Value = CachedDate(r.SettlementDate);
        p[20].Value = Nullable(r.BalanceFen);
        p[21].Value = Nullable(r.OriginalId);
        p[22].Value = r.ConsumedHoldFen;
        p[23].Value = r.HoldFen;
        p[24].Value = r.RefundedFen;
        p[25].Value = Nullable(r.ClosedById);
        p[26].Value = Nullable(r.VoidedById);
        p[27].Value = r.Reversed ? 1 : 0;
        p[28].Value = Nullable(r.ReversalResponseCode);
        p[29].Value = r.ReversalSettlementDate is { } d ? CachedDate(d) : DBNull.Value;
    }

    public void InsertPosting(PostingRow r, SqliteTransaction transaction)
    {
        var p = _postings.NextRow(transaction);
        p[0].Value = r.TransactionId;
        p[1].Value = r.Entry;
        p[2].Value = r.AccountId;
        p[3].Value = r.DebitFen;
        p[4].Value = r.CreditFen;
    }

    public void UpsertAccount(AccountRow r, SqliteTransaction transaction)
    {
        var p = _accounts.NextRow(transaction);
        p[0].Value = r.Id;
        p[1].Value = r.Kind.ToString();
        p[2].Value = r.Name;
        p[3].Value = r.BalanceFen;
        p[4].Value = r.WrongPinCount;
    }

    /// <summary>Writes the rows still pending in the chunked statements; call before committing.</summary>
    public void Flush(SqliteTransaction transaction)
    {
        _transactions.Flush(transaction);
        _postings.Flush(transaction);
        _accounts.Flush(transaction);
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Almost every row of a day carries the same settlement date: format it once.
    private string CachedDate(DateOnly date)
    {
        if (date != _lastDate || _lastDateText is null)
        {
            _lastDate = date;
            _lastDateText = Date(date);
        }
        return _lastDateText;
    }

    private static object Nullable(string? value) => value is null ? DBNull.Value : value;

    private static object Nullable(long? value) => value is { } v ? v : DBNull.Value;

    public void Dispose()
    {
        _transactions.Dispose();
        _postings.Dispose();
        _accounts.Dispose();
    }
}
