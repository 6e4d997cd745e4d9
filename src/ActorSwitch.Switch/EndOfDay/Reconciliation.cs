using System.Globalization;

namespace ActorSwitch.Switch.EndOfDay;

/// <summary>A row of the centre's clearing file that counts in clearing (approved, standing).</summary>
public sealed record CentreRow(string Rrn, string MerchantId, string TerminalId, string Transaction, long AmountFen, string MaskedPan);

public static class ReconciliationStatus
{
    public const string Matched = "matched";
    public const string OnlyOurs = "only-ours";
    public const string OnlyCentre = "only-centre";
    public const string AmountMismatch = "amount-mismatch";
}

/// <summary>One line of the reconciliation: by RRN, what each side has.</summary>
public sealed record ReconciliationLine(string Rrn, string Status, string MerchantId, string Transaction, long? OurAmountFen, long? CentreAmountFen);

/// <summary>
/// Reconciles the switch's day against the centre's clearing file, by RRN (the identity end to end):
/// matched, only ours, only the centre's, amount mismatch. Pure; lines in RRN order.
/// </summary>
public static class Reconciliation
{
    /// <summary>The transactions of the centre's file that clear: approved, not reversed, a debit or a credit.</summary>
    private static readonly HashSet<string> Clearing =
        ["purchase", "purchase-void", "refund", "completion", "completion-void", "offline-debit", "purse"];

    /// <summary>
    /// Parses the centre's clearing file (header <c>record,rrn,acquirer,...</c>, see central.md) and keeps the
    /// rows of <paramref name="acquirer"/> that clear. Throws <see cref="FormatException"/> on a malformed file.
    /// </summary>
    public static IReadOnlyList<CentreRow> ParseCentreFile(string content, string acquirer)
    {
        var lines = content.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) throw new FormatException("empty clearing file");
        var header = lines[0].TrimEnd('\r').Split(',');
        int Col(string name) => Array.IndexOf(header, name) is >= 0 and var i ? i : throw new FormatException($"clearing file has no column {name}");
        int record = Col("record"), rrn = Col("rrn"), acq = Col("acquirer"), kind = Col("transaction"), merchant = Col("merchant_id"),
            terminal = Col("terminal_id"), pan = Col("masked_pan"), amount = Col("amount_fen"), code = Col("response_code"), reversed = Col("reversed");
        var rows = new List<CentreRow>();
        foreach (var raw in lines.Skip(1))
        {
            var f = raw.TrimEnd('\r').Split(',');
            if (f.Length < header.Length) throw new FormatException($"short clearing row: {raw}");
            if (f[record] != "transaction" || f[acq] != acquirer || f[code] != "00" || f[reversed] == "1" || !Clearing.Contains(f[kind])) continue;
            rows.Add(new CentreRow(f[rrn], f[merchant], f[terminal], f[kind], long.Parse(f[amount], CultureInfo.InvariantCulture), f[pan]));
        }
        return rows;
    }

    public static IReadOnlyList<ReconciliationLine> Reconcile(IReadOnlyList<DayTransaction> ours, IReadOnlyList<CentreRow> centre)
    {
        var theirs = new Dictionary<string, CentreRow>(StringComparer.Ordinal);
        foreach (var row in centre) theirs[row.Rrn] = row;
        var lines = new List<ReconciliationLine>(ours.Count + centre.Count);
        foreach (var t in ours)
        {
            if (!theirs.Remove(t.Rrn, out var c))
                lines.Add(new ReconciliationLine(t.Rrn, ReconciliationStatus.OnlyOurs, t.MerchantId, t.Transaction, t.AmountFen, null));
            else
                lines.Add(new ReconciliationLine(t.Rrn, c.AmountFen == t.AmountFen ? ReconciliationStatus.Matched : ReconciliationStatus.AmountMismatch,
                    t.MerchantId, t.Transaction, t.AmountFen, c.AmountFen));
        }
        foreach (var c in theirs.Values)
            lines.Add(new ReconciliationLine(c.Rrn, ReconciliationStatus.OnlyCentre, c.MerchantId, c.Transaction, null, c.AmountFen));
        lines.Sort((a, b) => string.CompareOrdinal(a.Rrn, b.Rrn));
        return lines;
    }
}
