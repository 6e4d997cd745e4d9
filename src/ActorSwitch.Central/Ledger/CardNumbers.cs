namespace ActorSwitch.Central.Ledger;

/// <summary>Card numbers: the development card scheme, the Luhn check digit and masking.</summary>
public static class CardNumbers
{
    /// <summary>The issuer identification number of the development cards.</summary>
    public const string DevelopmentBin = "621234";

    /// <summary>Development card <paramref name="serial"/>: the BIN, the serial in 12 digits, the Luhn digit.</summary>
    public static string DevelopmentPan(int serial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serial, 1);
        var body = DevelopmentBin + serial.ToString("D12");
        return body + LuhnDigit(body);
    }

    /// <summary>The check digit that makes <paramref name="body"/> + digit pass the Luhn check.</summary>
    public static char LuhnDigit(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            sum += digit;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }

    public static bool PassesLuhn(ReadOnlySpan<char> pan) =>
        pan.Length >= 2 && !pan.ContainsAnyExceptInRange('0', '9') && LuhnDigit(pan[..^1]) == pan[^1];

    /// <summary>First 6 and last 4 digits, the rest as '*' (the platform's rule for logs, reports, APIs).</summary>
    public static string Mask(ReadOnlySpan<char> pan)
    {
        if (pan.Length < 10) return new string('*', pan.Length);
        return string.Create(pan.Length, pan.ToString(), static (span, clear) =>
        {
            span.Fill('*');
            clear.AsSpan(0, 6).CopyTo(span);
            clear.AsSpan(clear.Length - 4).CopyTo(span[^4..]);
        });
    }
}
