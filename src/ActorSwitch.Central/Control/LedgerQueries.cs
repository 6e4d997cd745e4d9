using ActorSwitch.Central.Ledger;
using Microsoft.Data.Sqlite;

namespace ActorSwitch.Central.Control;

/// <summary>
/// Read-only questions the switch's tests ask ("approved exactly once?"), answered from committed rows:
/// what the ledger file holds is what survives a crash.
/// </summary>
public sealed class LedgerQueries(LedgerStore store)
{
    public object? Transaction(string rrn, string? acquirer, out int matches)
    {
        using var connection = Open();
        var rows = new List<TransactionRow>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = LedgerStore.SelectTransactions("rrn = $rrn AND ($acquirer IS NULL OR acquirer = $acquirer)");
            command.Parameters.AddWithValue("$rrn", rrn);
            command.Parameters.AddWithValue("$acquirer", (object?)acquirer ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            while (reader.Read()) rows.Add(LedgerStore.ReadTransaction(reader));
        }
        matches = rows.Count;
        if (rows.Count != 1) return null;
        var row = rows[0];
        var postings = new List<object>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT entry, account_id, debit_fen, credit_fen FROM postings WHERE transaction_id = $id ORDER BY entry = 'reversal', account_id";
            command.Parameters.AddWithValue("$id", row.Id);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                postings.Add(new { entry = reader.GetString(0), accountId = reader.GetInt64(1), debitFen = reader.GetInt64(2), creditFen = reader.GetInt64(3) });
        }
        string? originalRrn = null;
        if (row.OriginalId is { } originalId)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT rrn FROM transactions WHERE id = $id";
            command.Parameters.AddWithValue("$id", originalId);
            originalRrn = command.ExecuteScalar() as string;
        }
        return new
        {
            rrn = row.Rrn, acquirer = row.Acquirer, transaction = row.Kind.Name(), mti = row.Mti.ToString("D4"),
            processingCode = row.ProcessingCode, amountFen = row.AmountFen, maskedPan = row.MaskedPan,
            merchantId = row.MerchantId, terminalId = row.TerminalId, responseCode = row.ResponseCode,
            approved = row.ResponseCode == ResponseCodes.Approved, authCode = row.AuthCode,
            settlementDate = row.SettlementDate, reversed = row.Reversed, reversalResponseCode = row.ReversalResponseCode,
            reversalSettlementDate = row.ReversalSettlementDate, originalRrn, holdFen = row.HoldFen,
            refundedFen = row.RefundedFen, voided = row.VoidedById is not null, postings,
        };
    }

    /// <summary>Counts and totals of a settlement date, by transaction and response code, and the approved
    /// debits and credits that still stand (not reversed).</summary>
    public object Totals(DateOnly date)
    {
        using var connection = Open();
        var byTransaction = new List<object>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT kind, response_code, COUNT(*), SUM(amount_fen), SUM(reversed)
                FROM transactions WHERE settlement_date = $date AND kind <> 'unknown'
                GROUP BY kind, response_code ORDER BY kind, response_code
                """;
            command.Parameters.AddWithValue("$date", BatchCommands.Date(date));
            using var reader = command.ExecuteReader();
            while (reader.Read())
                byTransaction.Add(new { transaction = reader.GetString(0), responseCode = reader.GetString(1), count = reader.GetInt64(2), amountFen = reader.GetInt64(3), reversed = reader.GetInt64(4) });
        }
        long Sum(string kinds, string what)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COALESCE({what}, 0) FROM transactions WHERE settlement_date = $date AND response_code = '00' AND reversed = 0 AND kind IN ({kinds})";
            command.Parameters.AddWithValue("$date", BatchCommands.Date(date));
            return (long)command.ExecuteScalar()!;
        }
        const string debits = "'purchase', 'completion', 'offline-debit'";
        const string credits = "'purchase-void', 'completion-void', 'refund'";
        using var reversals = connection.CreateCommand();
        reversals.CommandText = "SELECT COUNT(*) FROM transactions WHERE reversal_settlement_date = $date AND reversal_response_code = '00'";
        reversals.Parameters.AddWithValue("$date", BatchCommands.Date(date));
        return new
        {
            settlementDate = date,
            debits = new { count = Sum(debits, "COUNT(*)"), amountFen = Sum(debits, "SUM(amount_fen)") },
            credits = new { count = Sum(credits, "COUNT(*)"), amountFen = Sum(credits, "SUM(amount_fen)") },
            reversals = (long)reversals.ExecuteScalar()!,
            byTransaction,
        };
    }

    /// <summary>The double-entry check over the whole file: debits equal credits, the balances of all
    /// accounts add up to zero, and every account's balance equals its postings.</summary>
    public object Check()
    {
        using var connection = Open();
        long Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        }
        var debits = Scalar("SELECT COALESCE(SUM(debit_fen), 0) FROM postings");
        var credits = Scalar("SELECT COALESCE(SUM(credit_fen), 0) FROM postings");
        var balances = Scalar("SELECT COALESCE(SUM(balance_fen), 0) FROM accounts");
        var mismatched = Scalar("""
            SELECT COUNT(*) FROM accounts a LEFT JOIN
                (SELECT account_id, SUM(credit_fen) - SUM(debit_fen) AS net FROM postings GROUP BY account_id) p
                ON p.account_id = a.id
            WHERE a.balance_fen <> COALESCE(p.net, 0)
            """);
        var unbalancedEntries = Scalar("""
            SELECT COUNT(*) FROM (SELECT transaction_id, entry FROM postings
                                  GROUP BY transaction_id, entry HAVING SUM(debit_fen) <> SUM(credit_fen))
            """);
        return new
        {
            debitsFen = debits, creditsFen = credits, balanced = debits == credits && balances == 0 && mismatched == 0 && unbalancedEntries == 0,
            sumOfBalancesFen = balances, accountsNotMatchingPostings = mismatched, unbalancedEntries,
            postings = Scalar("SELECT COUNT(*) FROM postings"), transactions = Scalar("SELECT COUNT(*) FROM transactions"),
        };
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(store.ConnectionString);
        connection.Open();
        return connection;
    }
}
