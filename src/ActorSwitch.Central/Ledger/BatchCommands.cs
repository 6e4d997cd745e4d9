using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ActorSwitch.Central.Ledger;

/// <summary>The writer's prepared statements, created once and reused for every row of every batch.</summary>
internal sealed class BatchCommands : IDisposable
{
    private readonly SqliteCommand _upsertTransaction;
    private readonly SqliteParameter[] _transactionParameters;
    private readonly SqliteCommand _insertPosting;
    private readonly SqliteParameter[] _postingParameters;
    private readonly SqliteCommand _upsertAccount;
    private readonly SqliteParameter[] _accountParameters;

    public BatchCommands(SqliteConnection connection)
    {
        string[] columns =
        [
            "id", "acquirer", "rrn", "kind", "mti", "processing_code", "condition_code", "amount_fen", "currency",
            "merchant_id", "terminal_id", "mcc", "masked_pan", "card_account_id", "trace", "transmitted", "decided_at",
            "response_code", "auth_code", "settlement_date", "balance_fen", "original_id", "consumed_hold_fen", "hold_fen",
            "refunded_fen", "closed_by_id", "voided_by_id", "reversed", "reversal_response_code", "reversal_settlement_date",
        ];
        var updates = string.Join(", ", columns.Skip(1).Select(c => $"{c} = excluded.{c}"));
        (_upsertTransaction, _transactionParameters) = Prepare(connection,
            $"INSERT INTO transactions({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))}) " +
            $"ON CONFLICT(id) DO UPDATE SET {updates}", columns);
        (_insertPosting, _postingParameters) = Prepare(connection,
            "INSERT INTO postings(transaction_id, entry, account_id, debit_fen, credit_fen) " +
            "VALUES ($transaction_id, $entry, $account_id, $debit_fen, $credit_fen)",
            ["transaction_id", "entry", "account_id", "debit_fen", "credit_fen"]);
        (_upsertAccount, _accountParameters) = Prepare(connection,
            "INSERT INTO accounts(id, kind, name, balance_fen, wrong_pins) VALUES ($id, $kind, $name, $balance_fen, $wrong_pins) " +
            "ON CONFLICT(id) DO UPDATE SET balance_fen = excluded.balance_fen, wrong_pins = excluded.wrong_pins",
            ["id", "kind", "name", "balance_fen", "wrong_pins"]);
    }

    public void UpsertTransaction(TransactionRow r, SqliteTransaction transaction)
    {
        var p = _transactionParameters;
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
        p[16].Value = r.DecidedAt.ToString("O", CultureInfo.InvariantCulture);
        p[17].Value = r.ResponseCode;
        p[18].Value = Nullable(r.AuthCode);
        p[19].Value = Date(r.SettlementDate);
        p[20].Value = Nullable(r.BalanceFen);
        p[21].Value = Nullable(r.OriginalId);
        p[22].Value = r.ConsumedHoldFen;
        p[23].Value = r.HoldFen;
        p[24].Value = r.RefundedFen;
        p[25].Value = Nullable(r.ClosedById);
        p[26].Value = Nullable(r.VoidedById);
        p[27].Value = r.Reversed ? 1 : 0;
        p[28].Value = Nullable(r.ReversalResponseCode);
        p[29].Value = r.ReversalSettlementDate is { } d ? Date(d) : DBNull.Value;
        Run(_upsertTransaction, transaction);
    }

    public void InsertPosting(PostingRow r, SqliteTransaction transaction)
    {
        var p = _postingParameters;
        p[0].Value = Nullable(r.TransactionId);
        p[1].Value = r.Entry;
        p[2].Value = r.AccountId;
        p[3].Value = r.DebitFen;
        p[4].Value = r.CreditFen;
        Run(_insertPosting, transaction);
    }

    public void UpsertAccount(AccountRow r, SqliteTransaction transaction)
    {
        var p = _accountParameters;
        p[0].Value = r.Id;
        p[1].Value = r.Kind.ToString();
        p[2].Value = r.Name;
        p[3].Value = r.BalanceFen;
        p[4].Value = r.WrongPinCount;
        Run(_upsertAccount, transaction);
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Nullable(string? value) => value is null ? DBNull.Value : value;

    private static object Nullable(long? value) => value is { } v ? v : DBNull.Value;

    private static void Run(SqliteCommand command, SqliteTransaction transaction)
    {
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static (SqliteCommand, SqliteParameter[]) Prepare(SqliteConnection connection, string sql, string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        // No declared type: each value binds as what it is (integers as integers).
        var parameters = names.Select(n => command.Parameters.AddWithValue("$" + n, DBNull.Value)).ToArray();
        return (command, parameters);
    }

    public void Dispose()
    {
        _upsertTransaction.Dispose();
        _insertPosting.Dispose();
        _upsertAccount.Dispose();
    }
}
