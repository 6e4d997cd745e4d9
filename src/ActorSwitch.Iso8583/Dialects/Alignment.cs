namespace ActorSwitch.Iso8583;

/// <summary>Where an odd digit count puts its pad nibble in BCD.</summary>
public enum Alignment : byte
{
    /// <summary>Digits first, pad nibble last (<c>021</c> -> <c>02 10</c>).</summary>
    Left,
    /// <summary>Pad nibble first, digits last (<c>021</c> -> <c>00 21</c>).</summary>
    Right,
}
