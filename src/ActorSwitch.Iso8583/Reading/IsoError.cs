namespace ActorSwitch.Iso8583;

/// <summary>A parse failure: what, in which field (0 when not in a field, 1 for the bitmap), at which byte
/// offset of the frame (counted after the length prefix), and which leading parts were decoded
/// (for dialects without TPDU or header those flags are set as if decoded, since there is nothing to echo).</summary>
public readonly record struct IsoError(IsoErrorKind Kind, int Field, int Offset, IsoParts Decoded)
{
    /// <summary>True when the TPDU, header and MTI are known, so an answer 30 can be addressed.</summary>
    public bool CanAnswer => (Decoded & (IsoParts.Tpdu | IsoParts.Header | IsoParts.Mti)) == (IsoParts.Tpdu | IsoParts.Header | IsoParts.Mti);
}
