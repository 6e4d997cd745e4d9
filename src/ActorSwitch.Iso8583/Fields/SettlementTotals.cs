using System.Globalization;

namespace ActorSwitch.Iso8583;

/// <summary>
/// The batch totals of a settlement 0500, and their F48 (62 digits): for domestic then foreign cards,
/// debit amount n12, debit count n3, credit amount n12, credit count n3, result n1 (0 in the request;
/// in the answer 1 balanced, 2 not balanced, 3 error).
/// </summary>
public readonly record struct SettlementTotals(CardTotals Domestic, CardTotals Foreign)
{
    public const int Field48Length = 62;
    public const int HalfLength = 31;
    public const int Balanced = 1;
    public const int NotBalanced = 2;
    public const int Error = 3;

    private const long MaxAmount = 999_999_999_999;
    private const int MaxCount = 999;

    /// <summary>The request's F48 (result digits 0).</summary>
    /// <exception cref="InvalidOperationException">A total does not fit its digits: the batch is too big to settle.</exception>
    public string ToField48()
    {
        Span<char> digits = stackalloc char[Field48Length];
        Write(Domestic, digits[..HalfLength]);
        Write(Foreign, digits[HalfLength..]);
        return new string(digits);
    }

    /// <summary>Reads F48 of a settlement message, with its two result digits.</summary>
    public static bool TryParseField48(ReadOnlySpan<char> digits, out SettlementTotals totals, out int domesticResult, out int foreignResult)
    {
        totals = default;
        domesticResult = foreignResult = -1;
        if (digits.Length != Field48Length
            || !TryRead(digits[..HalfLength], out var domestic, out domesticResult)
            || !TryRead(digits[HalfLength..], out var foreign, out foreignResult))
            return false;
        totals = new SettlementTotals(domestic, foreign);
        return true;
    }

    private static void Write(CardTotals totals, Span<char> digits)
    {
        if (totals.DebitAmount is < 0 or > MaxAmount || totals.CreditAmount is < 0 or > MaxAmount
            || totals.DebitCount is < 0 or > MaxCount || totals.CreditCount is < 0 or > MaxCount)
            throw new InvalidOperationException($"The batch totals {totals} do not fit F48 (n12 amounts, n3 counts): settle more often.");
        totals.DebitAmount.TryFormat(digits[..12], out _, "D12", CultureInfo.InvariantCulture);
        totals.DebitCount.TryFormat(digits.Slice(12, 3), out _, "D3", CultureInfo.InvariantCulture);
        totals.CreditAmount.TryFormat(digits.Slice(15, 12), out _, "D12", CultureInfo.InvariantCulture);
        totals.CreditCount.TryFormat(digits.Slice(27, 3), out _, "D3", CultureInfo.InvariantCulture);
        digits[30] = '0';
    }

    private static bool TryRead(ReadOnlySpan<char> digits, out CardTotals totals, out int result)
    {
        totals = default;
        result = -1;
        if (!long.TryParse(digits[..12], NumberStyles.None, CultureInfo.InvariantCulture, out var debitAmount)
            || !int.TryParse(digits.Slice(12, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var debitCount)
            || !long.TryParse(digits.Slice(15, 12), NumberStyles.None, CultureInfo.InvariantCulture, out var creditAmount)
            || !int.TryParse(digits.Slice(27, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var creditCount)
            || !char.IsAsciiDigit(digits[30]))
            return false;
        totals = new CardTotals(debitAmount, debitCount, creditAmount, creditCount);
        result = digits[30] - '0';
        return true;
    }
}
