using System.Globalization;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// F54 of a balance answer: account type n2 (10), amount type n2 (02 available), currency n3 (156),
/// sign C (credit, positive) or D (debit, negative), amount n12 in fen.
/// </summary>
public readonly record struct Balance(string AccountType, string AmountType, string Currency, long Amount)
{
    public const int TextLength = 20;

    public static bool TryParse(ReadOnlySpan<char> text, out Balance balance)
    {
        balance = default;
        if (text.Length < TextLength || text[7] is not ('C' or 'D')
            || !IsDigits(text[..7]) || !IsDigits(text.Slice(8, 12))
            || !long.TryParse(text.Slice(8, 12), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            return false;
        balance = new Balance(text[..2].ToString(), text.Slice(2, 2).ToString(), text.Slice(4, 3).ToString(),
            text[7] == 'D' ? -amount : amount);
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }

        return true;
    }
}
