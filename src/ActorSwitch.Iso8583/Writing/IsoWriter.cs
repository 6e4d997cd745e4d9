using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

namespace ActorSwitch.Iso8583;

/// <summary>
/// Writes a message with its length prefix, TPDU and header as the dialect says. With a MAC calculator,
/// the MAC field (F64, or F128 when the secondary bitmap is used) is added to the bitmap, the block is
/// written, and the calculator fills the MAC in place. Nothing is allocated beyond what the output gives.
/// Throws <see cref="InvalidOperationException"/> when the MTI is unset or the frame exceeds the dialect's
/// maximum (programming errors, not network input).
/// </summary>
public static class IsoWriter
{
    /// <summary>Bytes the message takes on the wire, length prefix included.</summary>
    public static int GetFrameSize(IsoMessage message, bool withMac = false) => Plan.For(message, withMac).Total;

    /// <summary>Writes into a buffer writer; returns the bytes written.</summary>
    public static int Write(IsoMessage message, IBufferWriter<byte> output, MacCalculator? mac = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var plan = Plan.For(message, mac is not null);
        var span = output.GetSpan(plan.Total);
        int written = Emit(message, plan, span, out int mtiStart, out int macStart);
        mac?.Invoke(span[mtiStart..macStart], span.Slice(macStart, 8));
        output.Advance(written);
        return written;
    }

    /// <summary>Writes into a buffer writer, the MAC computed by <paramref name="mac"/>.</summary>
    public static int Write(IsoMessage message, IBufferWriter<byte> output, IMacCalculator mac)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(mac);
        var plan = Plan.For(message, withMac: true);
        var span = output.GetSpan(plan.Total);
        int written = Emit(message, plan, span, out int mtiStart, out int macStart);
        mac.ComputeMac(span[mtiStart..macStart], span.Slice(macStart, 8));
        output.Advance(written);
        return written;
    }

    /// <summary>Writes into a span large enough for <see cref="GetFrameSize"/>; returns the bytes written.</summary>
    public static int Write(IsoMessage message, Span<byte> destination, MacCalculator? mac = null)
    {
        var plan = Plan.For(message, mac is not null);
        int written = Emit(message, plan, destination, out int mtiStart, out int macStart);
        mac?.Invoke(destination[mtiStart..macStart], destination.Slice(macStart, 8));
        return written;
    }

    /// <summary>Writes into a span, the MAC computed by <paramref name="mac"/>.</summary>
    public static int Write(IsoMessage message, Span<byte> destination, IMacCalculator mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        var plan = Plan.For(message, withMac: true);
        int written = Emit(message, plan, destination, out int mtiStart, out int macStart);
        mac.ComputeMac(destination[mtiStart..macStart], destination.Slice(macStart, 8));
        return written;
    }

    private static int Emit(IsoMessage m, in Plan plan, Span<byte> dest, out int mtiStart, out int macStart)
    {
        var d = m.Dialect;
        if (dest.Length < plan.Total) throw new ArgumentException($"Destination needs {plan.Total} bytes.", nameof(dest));
        dest = dest[..plan.Total];
        FrameReader.WriteLength(dest, d.LengthPrefix, plan.Total - d.LengthPrefixSize);
        int pos = d.LengthPrefixSize;
        if (d.HasTpdu)
        {
            m.Tpdu.WriteTo(dest[pos..]);
            pos += Tpdu.Size;
        }
        if (d.HasHeader)
        {
            m.Header.WriteTo(dest[pos..]);
            pos += PosHeader.Size;
        }

        mtiStart = pos;
        Bcd.WriteLength(dest.Slice(pos, d.MtiSize), d.MtiEncoding, m.Mti); // 4 digits, BCD or ASCII
        pos += d.MtiSize;
        BinaryPrimitives.WriteUInt64BigEndian(dest[pos..], plan.Primary);
        pos += 8;
        if (plan.Secondary != 0)
        {
            BinaryPrimitives.WriteUInt64BigEndian(dest[pos..], plan.Secondary);
            pos += 8;
        }

        macStart = pos;
        var table = d.Fields;
        var buffer = m.Buffer;
        ulong bits = plan.Primary & ~IsoMessage.TopBit;
        for (int word = 0; word < 2; word++, bits = plan.Secondary)
        {
            while (bits != 0)
            {
                int index = BitOperations.LeadingZeroCount(bits);
                bits &= ~(IsoMessage.TopBit >> index);
                int field = (word << 6) + index + 1;
                if (field == plan.MacField)
                {
                    macStart = pos;
                    dest.Slice(pos, 8).Clear();
                    pos += 8;
                    continue;
                }
                ref readonly var slot = ref m.Slot(field);
                pos += FieldWriter.Write(dest[pos..], table[field]!, slot, buffer.Slice(slot.Offset, slot.Size));
            }
        }
        return pos;
    }

    /// <summary>Bitmaps and size of a message about to be written.</summary>
    private readonly struct Plan
    {
        public readonly ulong Primary;
        public readonly ulong Secondary;
        public readonly int MacField;
        public readonly int Total;

        private Plan(ulong primary, ulong secondary, int macField, int total)
        {
            Primary = primary;
            Secondary = secondary;
            MacField = macField;
            Total = total;
        }

        public static Plan For(IsoMessage m, bool withMac)
        {
            ArgumentNullException.ThrowIfNull(m);
            var d = m.Dialect;
            if (m.Mti < 0) throw new InvalidOperationException("The MTI is not set.");
            ulong primary = m.PrimaryBits, secondary = m.SecondaryBits;
            int macField = 0;
            if (withMac)
            {
                macField = d.MacFieldFor(secondary != 0);
                if (d.GetField(macField) is null) throw new InvalidOperationException($"Dialect {d.Name} has no MAC field.");
                if (macField == 64) primary |= IsoMessage.TopBit >> 63;
                else secondary |= 1UL;
            }
            if (secondary != 0) primary |= IsoMessage.TopBit;

            int total = d.LengthPrefixSize + d.MtiOffset + d.MtiSize + (secondary != 0 ? 16 : 8);
            var table = d.Fields;
            ulong bits = primary & ~IsoMessage.TopBit;
            for (int word = 0; word < 2; word++, bits = secondary)
            {
                while (bits != 0)
                {
                    int index = BitOperations.LeadingZeroCount(bits);
                    bits &= ~(IsoMessage.TopBit >> index);
                    int field = (word << 6) + index + 1;
                    total += field == macField ? 8 : table[field]!.PrefixSize + m.Slot(field).Size;
                }
            }
            if (total - d.LengthPrefixSize > d.MaxFrameLength)
                throw new InvalidOperationException($"The message needs {total - d.LengthPrefixSize} bytes, above the {d.Name} maximum of {d.MaxFrameLength}.");
            return new Plan(primary, secondary, macField, total);
        }
    }
}
