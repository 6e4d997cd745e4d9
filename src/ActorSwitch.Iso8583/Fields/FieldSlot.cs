namespace ActorSwitch.Iso8583;

/// <summary>Where a field's data sits in its message's buffer. Data is kept in wire encoding, without
/// the length prefix, so re-encoding an untouched field is a copy.</summary>
internal struct FieldSlot
{
    /// <summary>Offset of the data in the message buffer.</summary>
    public int Offset;
    /// <summary>Bytes of data.</summary>
    public int Size;
    /// <summary>Length in the field's unit (digits for n/z, bytes otherwise): the LL/LLL value.</summary>
    public int Length;
    /// <summary>An odd BCD digit count with its pad nibble first (received right-aligned, or a fixed
    /// right-aligned field).</summary>
    public bool RightAligned;

    public FieldSlot(int offset, int size, int length, bool rightAligned)
    {
        Offset = offset;
        Size = size;
        Length = length;
        RightAligned = rightAligned;
    }

    /// <summary>Nibble index of the first digit in BCD data.</summary>
    public readonly int FirstNibble => RightAligned ? (Size << 1) - Length : 0;
}
