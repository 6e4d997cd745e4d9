using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorSwitch.Switch.EndOfDay;

/// <summary>
/// The day's reports under <c>&lt;data-dir&gt;/eod/&lt;date&gt;/</c>: transactions, reconciliation and
/// merchant clearing, each as CSV and JSON, rows in a stable order (RRN; merchant id), PANs masked.
/// Only the JSON files carry a generation timestamp (<c>generatedAt</c>); everything else is a
/// function of the day's data, so a resumed run writes the same bytes as an uninterrupted one.
/// </summary>
public static class EndOfDayReports
{
    public static readonly string[] Names = ["transactions", "reconciliation", "clearing"];

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static void Write(string directory, DateOnly date, DateTimeOffset generatedAt, IReadOnlyList<DayTransaction> transactions,
        IReadOnlyList<ReconciliationLine> reconciliation, IReadOnlyList<MerchantClearingLine> clearing)
    {
        Directory.CreateDirectory(directory);
        var day = DayFile.Date(date);
        var at = generatedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

        WriteAtomically(Path.Combine(directory, "transactions.csv"), Csv(
            "rrn,merchant_id,terminal_id,transaction,side,amount_fen,masked_pan,batch,trace,original_rrn,auth_code",
            transactions.Select(t => Inv($"{t.Rrn},{t.MerchantId},{t.TerminalId},{t.Transaction},{DayFile.Side(t.Side)},{t.AmountFen},{t.MaskedPan},{t.Batch:D6},{t.Trace:D6},{t.OriginalRrn},{t.AuthCode}"))));
        WriteAtomically(Path.Combine(directory, "transactions.json"), JsonSerializer.Serialize(new
        {
            settlementDate = day, generatedAt = at, count = transactions.Count, totals = Totals.Of(transactions),
            transactions = transactions.Select(t => new
            {
                t.Rrn, t.MerchantId, t.TerminalId, t.Transaction, side = DayFile.Side(t.Side), t.AmountFen, t.MaskedPan, t.Batch, t.Trace,
                t.OriginalRrn, t.AuthCode,
            }),
        }, Json));

        WriteAtomically(Path.Combine(directory, "reconciliation.csv"), Csv("rrn,status,merchant_id,transaction,our_amount_fen,centre_amount_fen",
            reconciliation.Select(r => Inv($"{r.Rrn},{r.Status},{r.MerchantId},{r.Transaction},{r.OurAmountFen},{r.CentreAmountFen}"))));
        WriteAtomically(Path.Combine(directory, "reconciliation.json"), JsonSerializer.Serialize(new
        {
            settlementDate = day, generatedAt = at,
            summary = new
            {
                matched = reconciliation.Count(r => r.Status == ReconciliationStatus.Matched),
                onlyOurs = reconciliation.Count(r => r.Status == ReconciliationStatus.OnlyOurs),
                onlyCentre = reconciliation.Count(r => r.Status == ReconciliationStatus.OnlyCentre),
                amountMismatch = reconciliation.Count(r => r.Status == ReconciliationStatus.AmountMismatch),
            },
            differences = reconciliation.Where(r => r.Status != ReconciliationStatus.Matched),
            lines = reconciliation,
        }, Json));

        WriteAtomically(Path.Combine(directory, "clearing.csv"), Csv(
            "merchant_id,debit_count,debit_fen,credit_count,credit_fen,fee_rate_bp,fee_fen,net_fen",
            clearing.Select(c => Inv($"{c.MerchantId},{c.DebitCount},{c.DebitFen},{c.CreditCount},{c.CreditFen},{c.FeeRateBasisPoints},{c.FeeFen},{c.NetFen}"))));
        WriteAtomically(Path.Combine(directory, "clearing.json"), JsonSerializer.Serialize(new
        {
            settlementDate = day, generatedAt = at, merchants = clearing,
        }, Json));
    }

    /// <summary>Writes through a temporary file and a rename: readers see the old file or the new one, never half.</summary>
    public static void WriteAtomically(string path, string content)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            var bytes = Encoding.UTF8.GetBytes(content);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static string Csv(string header, IEnumerable<string> rows)
    {
        var text = new StringBuilder(header).Append('\n');
        foreach (var row in rows) text.Append(row).Append('\n');
        return text.ToString();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
