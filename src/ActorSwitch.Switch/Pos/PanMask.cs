namespace ActorSwitch.Switch.Pos;

/// <summary>The only way a card number is shown to people: first 6 and last 4 digits, the rest starred.</summary>
public static class PanMask
{
    public static string Mask(ReadOnlySpan<char> pan)
    {
        if (pan.Length < 11) return new string('*', pan.Length);
        return string.Create(pan.Length, pan.ToString(), static (span, p) =>
        {
            p.AsSpan().CopyTo(span);
            span[6..^4].Fill('*');
        });
    }
}
