namespace ActorSwitch.Iso8583;

/// <summary>
/// The only way a card number is shown to people (logs, reports, API answers): the first 6 and last 4
/// digits stay, the rest become '*'.
/// </summary>
public static class PanMask
{
    public const char MaskCharacter = '*';

    public static string Mask(ReadOnlySpan<char> pan)
    {
        if (pan.IsEmpty)
            return string.Empty;
        // A number too short to keep 6 + 4 digits and still hide one keeps only its last 4.
        var keepFirst = pan.Length > 10 ? 6 : 0;
        var keepLast = Math.Min(4, pan.Length - 1);
        Span<char> masked = pan.Length <= 64 ? stackalloc char[pan.Length] : new char[pan.Length];
        pan.CopyTo(masked);
        masked[keepFirst..^keepLast].Fill(MaskCharacter);
        return new string(masked);
    }
}
