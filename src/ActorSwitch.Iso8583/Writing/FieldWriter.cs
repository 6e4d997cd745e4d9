namespace ActorSwitch.Iso8583;

/// <summary>Writes one field in canonical form: a received field already canonical is copied unchanged
/// (so B and D re-encode byte for byte); odd BCD digits go left-aligned with pad 0, except fixed
/// right-aligned fields, which keep a leading pad 0.</summary>
internal static class FieldWriter
{
    public static int Write(Span<byte> destination, FieldSpec spec, in FieldSlot slot, ReadOnlySpan<byte> data)
    {
        int pos = 0;
        if (spec.PrefixSize != 0)
        {
            Bcd.WriteLength(destination[..spec.PrefixSize], spec.PrefixEncoding, slot.Length);
            pos = spec.PrefixSize;
        }
        var dest = destination.Slice(pos, data.Length);
        data.CopyTo(dest);
        if (spec.IsBcd && (slot.Length & 1) == 1) Canonicalise(dest, spec, slot, data);
        return pos + data.Length;
    }

    private static void Canonicalise(Span<byte> dest, FieldSpec spec, in FieldSlot slot, ReadOnlySpan<byte> data)
    {
        if (spec.LengthType == LengthType.Fixed && spec.Alignment == Alignment.Right)
        {
            dest[0] &= 0x0F; // a tolerated pad F becomes 0
            return;
        }
        int last = data.Length - 1;
        if (slot.RightAligned)
        {
            // Received right-aligned (0d dd dd): shift one nibble left to dd dd d0.
            for (int i = 0; i < last; i++) dest[i] = (byte)((data[i] << 4) | (data[i + 1] >> 4));
            dest[last] = (byte)(data[last] << 4);
        }
        else
        {
            dest[last] &= 0xF0;
        }
    }
}
