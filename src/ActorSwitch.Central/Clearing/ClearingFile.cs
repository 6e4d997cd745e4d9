using System.Globalization;
using System.Text;
using ActorSwitch.Central.Ledger;
using Microsoft.Data.Sqlite;

namespace ActorSwitch.Central.Clearing;

/// <summary>
/// The daily clearing file of a settlement date: one CSV row per financial transaction the centre decided
/// under that date, and one per reversal it processed under that date, ordered by RRN, acquirer, then the
/// transaction before its reversal. Read from committed rows only; kept under data-dir/clearing/.
/// Transactions only reversed so far (never seen, answered 25) appear as their reversal row alone.
/// </summary>
public sealed class ClearingFile(LedgerStore store, string dataDir)
{
    public const string Header =
        "record,rrn,acquirer,mti,transaction,processing_code,merchant_id,terminal_id,masked_pan,amount_fen," +
        "response_code,auth_code,settlement_date,reversed,original_rrn";

    private const string Query =
        """
        SELECT 'transaction' AS record, t.rrn, t.acquirer, printf('%04d', t.mti), t.kind, t.processing_code, t.merchant_id,
               t.terminal_id, t.masked_pan, t.amount_fen, t.response_code, t.auth_code, t.settlement_date, t.reversed, o.rrn
        FROM transactions t LEFT JOIN transactions o ON o.id = t.original_id
        WHERE t.settlement_date = $date AND t.kind <> 'unknown'
        UNION ALL
        SELECT 'reversal', t.rrn, t.acquirer, '0420', t.kind, t.processing_code, t.merchant_id,
               t.terminal_id, t.masked_pan, t.amount_fen, t.reversal_response_code,
               CASE WHEN t.reversal_response_code = '00' THEN t.auth_code END, t.reversal_settlement_date, t.reversed, o.rrn
        FROM transactions t LEFT JOIN transactions o ON o.id = t.original_id
        WHERE t.reversal_settlement_date = $date
        ORDER BY 2, 3, 1 DESC
        """;

    public string PathFor(DateOnly date) =>
        Path.Combine(dataDir, "clearing", $"clearing-{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv");

    /// <summary>Writes (or rewrites) the file of <paramref name="date"/> and returns its content and row count.</summary>
    public (string Path, string Content, int Rows) Write(DateOnly date)
    {
        var content = new StringBuilder(Header).Append('\n');
        var rows = 0;
        using (var connection = new SqliteConnection(store.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Query;
            command.Parameters.AddWithValue("$date", BatchCommands.Date(date));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (i > 0) content.Append(',');
                    content.Append(Csv(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!));
                }
                content.Append('\n');
                rows++;
            }
        }
        var path = PathFor(date);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content.ToString(), Encoding.ASCII);
        File.Move(temporary, path, overwrite: true); // readers see the old file or the new one, never half
        return (path, content.ToString(), rows);
    }

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
