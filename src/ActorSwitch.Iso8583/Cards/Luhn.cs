namespace ActorSwitch.Iso8583;

/// <summary>The Luhn (mod 10) check digit that ends every card number.</summary>
public static class Luhn
{
    /// <summary>The check digit to append to <paramref name="payload"/> (the number without its check digit).</summary>
    public static char CheckDigit(ReadOnlySpan<char> payload)
    {
        if (payload.IsEmpty)
            throw new ArgumentException("A card number has at least one digit before its check digit.", nameof(payload));
        var sum = 0;
        var doubled = true; // the right-most payload digit is the first one doubled
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var digit = payload[i] - '0';
            if ((uint)digit > 9)
                throw new ArgumentException("A card number is digits only.", nameof(payload));
            if (doubled)
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            sum += digit;
            doubled = !doubled;
        }

        return (char)('0' + (10 - sum % 10) % 10);
    }

    /// <summary>True when <paramref name="number"/> is digits whose last one is the Luhn check digit of the rest.</summary>
    public static bool IsValid(ReadOnlySpan<char> number)
    {
        if (number.Length < 2)
            return false;
        foreach (var c in number)
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }

        return CheckDigit(number[..^1]) == number[^1];
    }
}
