namespace ActorSwitch.Security.KeyBlocks;

/// <summary>
/// One TR-31 optional header block: a two-character identifier (KS key set id, KC/KP check values,
/// TS time stamp, PB padding, ...) and its printable ASCII value.
/// </summary>
public sealed record OptionalBlock(string Id, string Value)
{
    public const string PaddingId = "PB";
    public const string KeySetIdentifierId = "KS";
    public const string KeyCheckValueId = "KC";
    public const string KbpkCheckValueId = "KP";
    public const string TimeStampId = "TS";

    /// <summary>Length on the wire: id, length field (2 hex, or 00 + 2 + 4 hex when extended), value.</summary>
    public int TextLength => Value.Length + 4 <= 0xFF ? Value.Length + 4 : Value.Length + 10;

    public bool IsWellFormed =>
        Id is { Length: 2 } && char.IsAsciiLetterOrDigit(Id[0]) && char.IsAsciiLetterOrDigit(Id[1])
        && Value.All(c => c is >= ' ' and <= '~') && Value.Length + 10 <= 0xFFFF;

    internal void AppendTo(System.Text.StringBuilder text)
    {
        text.Append(Id);
        if (Value.Length + 4 <= 0xFF)
            text.Append((Value.Length + 4).ToString("X2"));
        else
            text.Append("0004").Append((Value.Length + 10).ToString("X4"));
        text.Append(Value);
    }
}
