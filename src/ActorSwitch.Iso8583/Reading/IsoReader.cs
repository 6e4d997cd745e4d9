using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

namespace ActorSwitch.Iso8583;

/// <summary>
/// Parses a frame (the bytes after the length prefix, as <see cref="FrameReader.TryReadFrame"/> yields)
/// into a reusable <see cref="IsoMessage"/>. Copies the frame once into the message's buffer, then
/// validates every field against the dialect table. No exceptions, no allocation on a reused message.
/// </summary>
public static class IsoReader
{
    /// <summary>Parses a frame that may span several segments. On failure the message holds the parts
    /// named by <see cref="IsoError.Decoded"/> and no fields.</summary>
    public static bool TryParse(in ReadOnlySequence<byte> frame, IsoMessage message, out IsoError error)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (frame.Length > message.Dialect.MaxFrameLength)
        {
            message.Clear();
            error = new IsoError(IsoErrorKind.FrameTooLong, 0, 0, IsoParts.None);
            return false;
        }
        frame.CopyTo(message.LoadFrame((int)frame.Length));
        return Parse(message, out error);
    }

    /// <summary>Parses a contiguous frame.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, IsoMessage message, out IsoError error)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (frame.Length > message.Dialect.MaxFrameLength)
        {
            message.Clear();
            error = new IsoError(IsoErrorKind.FrameTooLong, 0, 0, IsoParts.None);
            return false;
        }
        frame.CopyTo(message.LoadFrame(frame.Length));
        return Parse(message, out error);
    }

    private static bool Parse(IsoMessage m, out IsoError error)
    {
        var d = m.Dialect;
        ReadOnlySpan<byte> f = m.Buffer[..m.FrameLength];
        // Parts the dialect does not have count as decoded: there is nothing to echo for them.
        var parts = (d.HasTpdu ? IsoParts.None : IsoParts.Tpdu) | (d.HasHeader ? IsoParts.None : IsoParts.Header);
        int pos = 0;

        if (d.HasTpdu)
        {
            if (f.Length < Tpdu.Size) return Fail(m, IsoErrorKind.Truncated, 0, f.Length, parts, out error);
            m.Tpdu = Tpdu.Read(f);
            pos = Tpdu.Size;
            parts |= IsoParts.Tpdu;
        }
        if (d.HasHeader)
        {
            if (f.Length - pos < PosHeader.Size) return Fail(m, IsoErrorKind.Truncated, 0, f.Length, parts, out error);
            m.Header = PosHeader.Read(f[pos..]);
            pos += PosHeader.Size;
            parts |= IsoParts.Header;
        }

        if (f.Length - pos < d.MtiSize) return Fail(m, IsoErrorKind.Truncated, 0, f.Length, parts, out error);
        if (!TryReadMti(f.Slice(pos, d.MtiSize), d.MtiEncoding, out int mti)) return Fail(m, IsoErrorKind.BadMti, 0, pos, parts, out error);
        m.SetParsedHeader(mti, pos);
        pos += d.MtiSize;
        parts |= IsoParts.Mti;

        if (f.Length - pos < 8) return Fail(m, IsoErrorKind.Truncated, 1, f.Length, parts, out error);
        ulong primary = BinaryPrimitives.ReadUInt64BigEndian(f[pos..]);
        ulong secondary = 0;
        if ((primary & IsoMessage.TopBit) != 0)
        {
            if (!d.AllowSecondaryBitmap) return Fail(m, IsoErrorKind.SecondaryBitmapNotAllowed, 1, pos, parts, out error);
            if (f.Length - pos < 16) return Fail(m, IsoErrorKind.Truncated, 1, f.Length, parts, out error);
            secondary = BinaryPrimitives.ReadUInt64BigEndian(f[(pos + 8)..]);
            pos += 8;
        }
        pos += 8;
        parts |= IsoParts.Bitmap;
        m.SetParsedBitmap(primary, secondary);

        var table = d.Fields;
        ulong bits = primary & ~IsoMessage.TopBit;
        for (int word = 0; word < 2; word++, bits = secondary)
        {
            while (bits != 0)
            {
                int index = BitOperations.LeadingZeroCount(bits);
                bits &= ~(IsoMessage.TopBit >> index);
                int field = (word << 6) + index + 1;
                var spec = table[field];
                if (spec is null) return Fail(m, IsoErrorKind.FieldNotInDialect, field, pos, parts, out error);
                var kind = FieldReader.Read(f, ref pos, spec, out var slot, out int errorOffset);
                if (kind != IsoErrorKind.None) return Fail(m, kind, field, errorOffset, parts, out error);
                m.SetParsedSlot(field, slot);
            }
        }
        if (pos != f.Length) return Fail(m, IsoErrorKind.TrailingBytes, 0, pos, parts, out error);

        int macField = table[128] is not null && m.Has(128) ? 128 : m.Has(64) ? 64 : 0;
        if (macField != 0) m.SetReceivedMac(m.Slot(macField).Offset);
        error = default;
        return true;
    }

    private static bool TryReadMti(ReadOnlySpan<byte> source, NumericEncoding encoding, out int mti)
    {
        if (encoding == NumericEncoding.Bcd)
        {
            int hi = Bcd.PairValue(source[0]), lo = Bcd.PairValue(source[1]);
            mti = hi * 100 + lo;
            return hi != 0xFF && lo != 0xFF;
        }
        return Bcd.TryReadLength(source, NumericEncoding.Ascii, out mti); // four ASCII digits
    }

    private static bool Fail(IsoMessage m, IsoErrorKind kind, int field, int offset, IsoParts parts, out IsoError error)
    {
        m.SetParsedBitmap(0, 0); // no half-parsed fields survive a failure
        error = new IsoError(kind, field, offset, parts);
        return false;
    }
}
