namespace ActorSwitch.Iso8583;

/// <summary>Reads and validates one field at a position of a frame. Never reads past the frame and
/// never sizes anything by the received length beyond comparing it with the field's maximum.</summary>
internal static class FieldReader
{
    public static IsoErrorKind Read(ReadOnlySpan<byte> frame, ref int pos, FieldSpec spec, out FieldSlot slot, out int errorOffset)
    {
        slot = default;
        errorOffset = pos;
        int p = pos;
        int length = spec.MaxLength;
        if (spec.LengthType != LengthType.Fixed)
        {
            int prefixSize = spec.PrefixSize;
            if (frame.Length - p < prefixSize) return IsoErrorKind.Truncated;
            if (!Bcd.TryReadLength(frame.Slice(p, prefixSize), spec.PrefixEncoding, out length)) return IsoErrorKind.BadLengthPrefix;
            if (length > spec.MaxLength) return IsoErrorKind.LengthAboveMaximum;
            p += prefixSize;
        }

        int size = spec.DataSize(length);
        if (frame.Length - p < size)
            return spec.LengthType == LengthType.Fixed ? IsoErrorKind.Truncated : IsoErrorKind.LengthPastEnd;

        var data = frame.Slice(p, size);
        bool rightAligned = false;
        if (spec.IsDigits)
        {
            int badByte;
            var kind = spec.IsBcd
                ? CheckBcd(data, length, spec, out rightAligned, out badByte)
                : CheckAscii(data, spec.Format == FieldFormat.Z, out badByte);
            if (kind != IsoErrorKind.None)
            {
                errorOffset = p + badByte;
                return kind;
            }
        }
        // an, ans and b are kept as received: the specification does not restrict their bytes.

        slot = new FieldSlot(p, size, length, rightAligned);
        pos = p + size;
        return IsoErrorKind.None;
    }

    // Section 2: an odd digit count carries one pad nibble. Fixed fields put it where the table says.
    // Variable fields are left-aligned with pad 0 (or F); a non-pad trailing nibble with a leading 0
    // means the sender right-aligned the field. Decided by the bytes alone.
    private static IsoErrorKind CheckBcd(ReadOnlySpan<byte> data, int digits, FieldSpec spec, out bool rightAligned, out int badByte)
    {
        rightAligned = false;
        badByte = 0;
        int first = 0;
        if ((digits & 1) == 1)
        {
            bool padF = (spec.Tolerance & FieldTolerance.PadNibbleF) != 0;
            if (spec.LengthType == LengthType.Fixed && spec.Alignment == Alignment.Right)
            {
                int pad = data[0] >> 4;
                if (pad != 0 && !(padF && pad == 0xF)) return IsoErrorKind.BadPadding;
                first = 1;
                rightAligned = true;
            }
            else
            {
                int pad = data[^1] & 0x0F;
                if (pad == 0 || (padF && pad == 0xF))
                {
                    first = 0;
                }
                else if (spec.LengthType != LengthType.Fixed
                         && (spec.Tolerance & FieldTolerance.RightAlignedOddDigits) != 0
                         && data[0] >> 4 == 0)
                {
                    first = 1;
                    rightAligned = true;
                }
                else
                {
                    badByte = data.Length - 1;
                    return IsoErrorKind.BadPadding;
                }
            }
        }

        int bad = Bcd.FindInvalidNibble(data, first, digits, spec.Format == FieldFormat.Z);
        if (bad < 0) return IsoErrorKind.None;
        badByte = bad >> 1;
        return IsoErrorKind.BadDigit;
    }

    private static IsoErrorKind CheckAscii(ReadOnlySpan<byte> data, bool separatorAllowed, out int badByte)
    {
        for (int i = 0; i < data.Length; i++)
        {
            byte b = data[i];
            if ((uint)(b - '0') > 9 && !(separatorAllowed && b == '='))
            {
                badByte = i;
                return IsoErrorKind.BadDigit;
            }
        }
        badByte = 0;
        return IsoErrorKind.None;
    }
}
