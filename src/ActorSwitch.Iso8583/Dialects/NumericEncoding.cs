namespace ActorSwitch.Iso8583;

/// <summary>How digits travel: packed BCD (two per byte) or one ASCII character per digit.
/// Used for numeric field data, length prefixes and the MTI.</summary>
public enum NumericEncoding : byte
{
    /// <summary>Packed BCD, two digits per byte.</summary>
    Bcd,
    /// <summary>ASCII characters '0'..'9'.</summary>
    Ascii,
}
