using ActorSwitch.Iso8583;

namespace ActorSwitch.Switch.EndOfDay;

/// <summary>A merchant's clearing for a day: gross debits and credits, the fee and the net amount, in fen.</summary>
public sealed record MerchantClearingLine(
    string MerchantId, int DebitCount, long DebitFen, int CreditCount, long CreditFen, int FeeRateBasisPoints, long FeeFen, long NetFen);

/// <summary>
/// Per-merchant clearing (pure): fee = the merchant's rate in basis points on gross debits, rounded
/// half up to the fen, once per merchant per day; net = debits - credits - fee. Lines by merchant id.
/// </summary>
public static class MerchantClearing
{
    public static long Fee(long debitFen, int basisPoints)
    {
        // Half up on a non-negative product: (x + 5000) / 10000 in integers, no floating point.
        var product = (Int128)debitFen * basisPoints;
        return (long)((product + 5_000) / 10_000);
    }

    public static IReadOnlyList<MerchantClearingLine> Compute(IEnumerable<DayTransaction> transactions, Func<string, int> feeRateOf) =>
        transactions.GroupBy(t => t.MerchantId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var debits = g.Where(t => t.Side == TotalsSide.Debit).ToList();
                var credits = g.Where(t => t.Side == TotalsSide.Credit).ToList();
                long debitFen = debits.Sum(t => t.AmountFen), creditFen = credits.Sum(t => t.AmountFen);
                var rate = feeRateOf(g.Key);
                var fee = Fee(debitFen, rate);
                return new MerchantClearingLine(g.Key, debits.Count, debitFen, credits.Count, creditFen, rate, fee, debitFen - creditFen - fee);
            })
            .ToList();
}
