using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ActorSwitch.Iso8583;
using ActorSwitch.Switch.Pos;
using ActorSwitch.Switch.Terminals;

namespace ActorSwitch.Switch.EndOfDay;

/// <summary>
/// One approved transaction of a settlement day that counts in clearing (a debit or a credit, as in
/// the terminals' 0500 totals), as end of day uploads it and reports it. PANs only masked.
/// </summary>
public sealed record DayTransaction(
    string Rrn,
    string MerchantId,
    string TerminalId,
    string Transaction,
    TotalsSide Side,
    long AmountFen,
    string MaskedPan,
    int Batch,
    int Trace,
    DateOnly SettlementDate,
    string OriginalRrn,
    string AuthCode,
    string PurseRecord);

/// <summary>
/// Builds the day's transactions from the "txn"-tagged journal events read up to the cut-off marker:
/// a transaction counts when its last known outcome is an approval (not declined, timed out or
/// reversed), its settlement date is the day and it is a debit or a credit.
/// </summary>
public sealed class DayCollector(DateOnly date)
{
    private readonly Dictionary<string, Entry> _byRrn = new(StringComparer.Ordinal);

    public DateOnly Date { get; } = date;

    /// <summary>An event before the day's cut-off marker; true if it concerns the day.</summary>
    public bool Add(string persistenceId, object evt)
    {
        switch (evt)
        {
            case TransactionStarted s:
                _byRrn[s.Transaction.Rrn] = new Entry(persistenceId, s.Transaction);
                return true;
            case TransactionCompleted c when _byRrn.TryGetValue(c.Rrn, out var e):
                e.Approved = c.ResponseCode == ResponseCodes.Approved;
                e.AuthCode = c.AuthCode;
                return true;
            case TransactionTimedOut t when _byRrn.TryGetValue(t.Rrn, out var e):
                e.Approved = false;
                return true;
            case TransactionReversed r when _byRrn.TryGetValue(r.Rrn, out var e):
                e.Approved = false;
                return true;
            case PurseRecordAccepted p when _byRrn.TryGetValue(p.Rrn, out var e):
                e.PurseRecord = p.Record;
                return true;
        }
        return false;
    }

    /// <summary>
    /// An event after the marker: only a transaction stamped with this day (a node not yet told of an
    /// early cut-off) and the outcome of one of the day's transactions (in flight at the marker) still
    /// count; anything else after the marker (reversals, new transactions) is the next day's.
    /// </summary>
    public bool AddAfterCutOff(string persistenceId, object evt) => evt switch
    {
        TransactionStarted s when s.Transaction.SettlementDate == Date => Add(persistenceId, evt),
        TransactionCompleted or TransactionTimedOut or PurseRecordAccepted => Add(persistenceId, evt),
        _ => false,
    };

    public IReadOnlyList<DayTransaction> Result() => _byRrn.Values
        .Where(e => e.Approved && e.Record.SettlementDate == Date && TerminalState.SideOf(e.Record.Kind) != TotalsSide.None)
        .Select(e => e.ToDay())
        .OrderBy(t => t.Rrn, StringComparer.Ordinal)
        .ToList();

    public static string TransactionName(PosMessageKind kind) => kind switch
    {
        PosMessageKind.Purchase => "purchase",
        PosMessageKind.PurchaseVoid => "purchase-void",
        PosMessageKind.Refund => "refund",
        PosMessageKind.PreAuthorisationCompletion => "completion",
        PosMessageKind.PreAuthorisationCompletionVoid => "completion-void",
        PosMessageKind.OfflineSettlement => "offline-debit",
        PosMessageKind.OfflinePurseUpload => "purse",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private sealed class Entry(string persistenceId, TransactionRecord record)
    {
        public TransactionRecord Record { get; } = record;
        public bool Approved { get; set; }
        public string? AuthCode { get; set; }
        public string? PurseRecord { get; set; }

        public DayTransaction ToDay()
        {
            var (merchant, terminal) = TerminalEntity.TerminalOf(persistenceId);
            return new DayTransaction(Record.Rrn, merchant, terminal, TransactionName(Record.Kind), TerminalState.SideOf(Record.Kind),
                Record.Amount, Record.PanMasked, Record.Batch, Record.Trace, Record.SettlementDate, Record.OriginalRrn ?? "",
                AuthCode ?? "", PurseRecord ?? "");
        }
    }
}

/// <summary>
/// The day file the switch uploads to the centre (docs/interfaces/central.md, "End-of-day file
/// exchange"): a CSV header, one row per transaction in RRN order, then a trailer with the date, the
/// acquirer, counts, amounts and the SHA-256 of every byte before the trailer. Deterministic: the same
/// transactions give the same bytes, so a repeated upload carries the same checksum.
/// </summary>
public static class DayFile
{
    public const string Header =
        "rrn,merchant_id,terminal_id,transaction,side,amount_fen,masked_pan,batch,trace,settlement_date,original_rrn,auth_code,purse_record";

    public static string Write(DateOnly date, string acquirer, IReadOnlyList<DayTransaction> transactions)
    {
        var body = new StringBuilder(Header).Append('\n');
        foreach (var t in transactions)
            body.Append(Inv($"{t.Rrn},{t.MerchantId},{t.TerminalId},{t.Transaction},{Side(t.Side)},{t.AmountFen},{t.MaskedPan},{t.Batch:D6},{t.Trace:D6},{Date(t.SettlementDate)},{t.OriginalRrn},{t.AuthCode},{t.PurseRecord}\n"));
        var text = body.ToString();
        var totals = Totals.Of(transactions);
        return text + Inv($"TRAILER,{Date(date)},{acquirer},{transactions.Count},{totals.DebitCount},{totals.DebitFen},{totals.CreditCount},{totals.CreditFen},{Sha256(text)}\n");
    }

    public static string Side(TotalsSide side) => side == TotalsSide.Debit ? "D" : "C";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

public readonly record struct Totals(int DebitCount, long DebitFen, int CreditCount, long CreditFen)
{
    public static Totals Of(IEnumerable<DayTransaction> transactions)
    {
        var t = default(Totals);
        foreach (var x in transactions)
            t = x.Side == TotalsSide.Debit
                ? t with { DebitCount = t.DebitCount + 1, DebitFen = t.DebitFen + x.AmountFen }
                : t with { CreditCount = t.CreditCount + 1, CreditFen = t.CreditFen + x.AmountFen };
        return t;
    }
}

public static class DayFileReader
{
    /// <summary>Reads the rows of a day file back (the trailer's checksum is checked by the caller's recorded checksum).</summary>
    public static IReadOnlyList<DayTransaction> Read(string content)
    {
        var lines = content.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 2 || lines[0] != DayFile.Header || !lines[^1].StartsWith("TRAILER,", StringComparison.Ordinal))
            throw new FormatException("not a day file");
        return lines[1..^1].Select(l =>
        {
            var f = l.Split(',');
            return new DayTransaction(f[0], f[1], f[2], f[3], f[4] == "D" ? TotalsSide.Debit : TotalsSide.Credit,
                long.Parse(f[5], CultureInfo.InvariantCulture), f[6], int.Parse(f[7], CultureInfo.InvariantCulture),
                int.Parse(f[8], CultureInfo.InvariantCulture), DateOnly.ParseExact(f[9], "yyyy-MM-dd", CultureInfo.InvariantCulture), f[10], f[11], f[12]);
        }).ToList();
    }
}
