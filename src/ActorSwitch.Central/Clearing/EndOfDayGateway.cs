using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ActorSwitch.Central.Faults;

namespace ActorSwitch.Central.Clearing;

/// <summary>The result of an upload: accepted now, the same upload again, or refused (field and reason).</summary>
public sealed record UploadResult(int Status, string? Field, string? Error, UploadReceipt? Receipt);

public sealed record UploadReceipt(string Acquirer, string SettlementDate, string Checksum, int Count, int DebitCount, long DebitFen,
    int CreditCount, long CreditFen, bool Repeated);

/// <summary>
/// The centre's side of the end-of-day file exchange (docs/interfaces/central.md): a province uploads
/// its day file (rows + trailer with counts, amounts and SHA-256) once per (acquirer, date); the same
/// file again (same checksum) is the same upload; a different one for a day already uploaded is a
/// conflict. The centre takes the uploaded offline purse records into its clearing (it never saw them
/// online) and answers the day's clearing file of the acquirer: the ledger's rows plus those records.
/// </summary>
public sealed class EndOfDayGateway(ClearingFile clearing, FaultInjector faults, string dataDir)
{
    private readonly Lock _lock = new();

    private string UploadPath(string acquirer, DateOnly date) =>
        Path.Combine(dataDir, "eod-uploads", acquirer, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".csv");

    public UploadResult Upload(string acquirer, DateOnly date, string content)
    {
        var lines = content.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 2 || !lines[^1].StartsWith("TRAILER,", StringComparison.Ordinal))
            return Bad("trailer", "the last line must be the TRAILER");
        var trailer = lines[^1].Split(',');
        if (trailer.Length != 9) return Bad("trailer", "TRAILER,date,acquirer,count,debit_count,debit_fen,credit_count,credit_fen,sha256");
        if (trailer[1] != date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) return Bad("trailer.date", "the date of the URL");
        if (trailer[2] != acquirer) return Bad("trailer.acquirer", "the acquirer of the URL");
        var body = string.Join("", lines[..^1].Select(l => l + "\n"));
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        if (!string.Equals(trailer[8], checksum, StringComparison.OrdinalIgnoreCase)) return Bad("trailer.sha256", "the SHA-256 of the lines before the trailer");

        var header = lines[0].Split(',');
        var side = Array.IndexOf(header, "side");
        var amount = Array.IndexOf(header, "amount_fen");
        if (side < 0 || amount < 0 || Array.IndexOf(header, "rrn") != 0) return Bad("header", "rrn,...,side,amount_fen,...");
        int debitCount = 0, creditCount = 0;
        long debitFen = 0, creditFen = 0;
        foreach (var row in lines[1..^1])
        {
            var f = row.Split(',');
            if (f.Length != header.Length || !long.TryParse(f[amount], NumberStyles.None, CultureInfo.InvariantCulture, out var fen))
                return Bad("rows", $"malformed row: {row}");
            if (f[side] == "D") (debitCount, debitFen) = (debitCount + 1, debitFen + fen);
            else if (f[side] == "C") (creditCount, creditFen) = (creditCount + 1, creditFen + fen);
            else return Bad("rows", $"side must be D or C: {row}");
        }
        var count = lines.Length - 2;
        if (trailer[3] != count.ToString(CultureInfo.InvariantCulture)) return Bad("trailer.count", $"the number of rows ({count})");
        if (trailer[4] != debitCount.ToString(CultureInfo.InvariantCulture) || trailer[5] != debitFen.ToString(CultureInfo.InvariantCulture))
            return Bad("trailer.debits", $"{debitCount} debits of {debitFen} fen");
        if (trailer[6] != creditCount.ToString(CultureInfo.InvariantCulture) || trailer[7] != creditFen.ToString(CultureInfo.InvariantCulture))
            return Bad("trailer.credits", $"{creditCount} credits of {creditFen} fen");

        lock (_lock)
        {
            var path = UploadPath(acquirer, date);
            var repeated = false;
            if (File.Exists(path))
            {
                var stored = File.ReadAllText(path).TrimEnd('\n').Split('\n')[^1].Split(',')[8];
                if (!string.Equals(stored, checksum, StringComparison.OrdinalIgnoreCase))
                    return new UploadResult(409, "trailer.sha256", $"the day was uploaded already with checksum {stored}", null);
                repeated = true;
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path + ".tmp", string.Join("", lines.Select(l => l + "\n")), Encoding.UTF8);
                File.Move(path + ".tmp", path);
            }
            return new UploadResult(repeated ? 200 : 201, null, null, new UploadReceipt(acquirer, trailer[1], checksum, count, debitCount,
                debitFen, creditCount, creditFen, repeated));
        }
    }

    /// <summary>The acquirer's clearing file of the date, or null when the day was not uploaded yet.</summary>
    public string? ClearingFor(string acquirer, DateOnly date)
    {
        var path = UploadPath(acquirer, date);
        if (!File.Exists(path)) return null;
        var rows = clearing.Write(date).Content.TrimEnd('\n').Split('\n').Skip(1)
            .Where(l => l.Split(',')[2] == acquirer)
            .ToList();

        // The uploaded offline purse records: the centre clears them from the province's file.
        var upload = File.ReadAllText(path).TrimEnd('\n').Split('\n');
        var h = upload[0].Split(',');
        int Col(string n) => Array.IndexOf(h, n);
        foreach (var line in upload[1..^1])
        {
            var f = line.Split(',');
            if (f[Col("transaction")] != "purse") continue;
            rows.Add(string.Join(',', "transaction", f[Col("rrn")], acquirer, "0320", "purse", "000000", f[Col("merchant_id")],
                f[Col("terminal_id")], f[Col("masked_pan")], f[Col("amount_fen")], "00", "", f[Col("settlement_date")], "0", ""));
        }
        rows = rows.OrderBy(r => r.Split(',')[1], StringComparer.Ordinal).ThenByDescending(r => r.Split(',')[0], StringComparer.Ordinal).ToList();

        // Injected disagreement (control API, PUT /faults/clearing): drop rows, alter amounts.
        var fault = faults.Settings;
        var standing = rows.Select((r, i) => (r, i)).Where(x => x.r.StartsWith("transaction,", StringComparison.Ordinal) && x.r.Split(',')[10] == "00"
            && x.r.Split(',')[13] == "0").Select(x => x.i).ToList();
        var drop = standing.Take(fault.ClearingDropRows).ToHashSet();
        foreach (var i in standing.Skip(fault.ClearingDropRows).Take(fault.ClearingAlterRows))
        {
            var f = rows[i].Split(',');
            f[9] = (long.Parse(f[9], CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
            rows[i] = string.Join(',', f);
        }
        var text = new StringBuilder(ClearingFile.Header).Append('\n');
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
            if (!drop.Contains(i)) text.Append(row).Append('\n');
        return text.ToString();
    }

    private static UploadResult Bad(string field, string expected) => new(400, field, $"expected {expected}", null);
}
