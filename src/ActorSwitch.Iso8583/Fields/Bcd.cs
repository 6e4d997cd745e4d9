namespace ActorSwitch.Iso8583;

/// <summary>Packed BCD primitives shared by the reader, the writer and the typed getters.</summary>
internal static class Bcd
{
    /// <summary>Nibble that encodes the track separator '=' in z fields.</summary>
    public const int Separator = 0xD;

    // Value 0..99 of a byte whose two nibbles are digits, 0xFF when either is not: one lookup
    // validates and decodes a digit pair.
    private static readonly byte[] PairValues = BuildPairValues();

    private static byte[] BuildPairValues()
    {
        var table = new byte[256];
        for (int b = 0; b < 256; b++)
            table[b] = (b >> 4) <= 9 && (b & 0x0F) <= 9 ? (byte)((b >> 4) * 10 + (b & 0x0F)) : (byte)0xFF;
        return table;
    }

    public static bool IsDigitPair(byte b) => PairValues[b] != 0xFF;

    /// <summary>0..99, or 0xFF when a nibble is above 9.</summary>
    public static int PairValue(byte b) => PairValues[b];

    public static byte ToByte(int twoDigits) => (byte)(((twoDigits / 10) << 4) | (twoDigits % 10));

    /// <summary>Nibble <paramref name="index"/> counted from the high nibble of byte 0.</summary>
    public static int Nibble(ReadOnlySpan<byte> data, int index) =>
        (index & 1) == 0 ? data[index >> 1] >> 4 : data[index >> 1] & 0x0F;

    /// <summary>Index of the first nibble in [start, start + count) that is not a digit (nor the
    /// separator when <paramref name="allowSeparator"/>), or -1.</summary>
    public static int FindInvalidNibble(ReadOnlySpan<byte> data, int start, int count, bool allowSeparator)
    {
        int i = start, end = start + count;
        if (allowSeparator)
        {
            for (; i < end; i++)
            {
                int n = Nibble(data, i);
                if (n > 9 && n != Separator) return i;
            }
            return -1;
        }
        if ((i & 1) == 1 && i < end)
        {
            if ((data[i >> 1] & 0x0F) > 9) return i;
            i++;
        }
        for (; end - i >= 2; i += 2)
        {
            byte b = data[i >> 1];
            if (PairValues[b] == 0xFF) return (b >> 4) > 9 ? i : i + 1;
        }
        if (i < end && (data[i >> 1] >> 4) > 9) return i;
        return -1;
    }

    /// <summary>Decodes a length prefix: BCD bytes (two digits each) or ASCII digits.</summary>
    public static bool TryReadLength(ReadOnlySpan<byte> prefix, NumericEncoding encoding, out int length)
    {
        length = 0;
        if (encoding == NumericEncoding.Bcd)
        {
            foreach (byte b in prefix)
            {
                int v = PairValues[b];
                if (v == 0xFF) return false;
                length = length * 100 + v;
            }
            return true;
        }
        foreach (byte b in prefix)
        {
            int d = b - '0';
            if ((uint)d > 9) return false;
            length = length * 10 + d;
        }
        return true;
    }

    /// <summary>Writes a length prefix filling <paramref name="destination"/> (right-aligned digits).</summary>
    public static void WriteLength(Span<byte> destination, NumericEncoding encoding, int length)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            if (encoding == NumericEncoding.Bcd)
            {
                destination[i] = ToByte(length % 100);
                length /= 100;
            }
            else
            {
                destination[i] = (byte)('0' + length % 10);
                length /= 10;
            }
        }
    }
}
