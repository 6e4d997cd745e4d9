using System.Text;

namespace ActorSwitch.Iso8583;

// Typed reads. None allocates except GetAscii, which returns a string by design.
public sealed partial class IsoMessage
{
    /// <summary>The field's data as it travels (BCD bytes for BCD numerics), without the length prefix;
    /// empty when absent.</summary>
    public ReadOnlySpan<byte> GetBytes(int field) =>
        Has(field) ? _buffer.AsSpan(_slots[field].Offset, _slots[field].Size) : default;

    /// <summary>The field's length in its unit (digits for n/z, bytes otherwise); -1 when absent.</summary>
    public int GetLength(int field) => Has(field) ? _slots[field].Length : -1;

    /// <summary>Writes the digits of an n or z field as characters ('=' for the track separator).
    /// False when absent, not n/z, or <paramref name="destination"/> is too small.</summary>
    public bool TryGetDigits(int field, Span<char> destination, out int written)
    {
        written = 0;
        if (!TryDigitSource(field, out var spec, out var slot) || destination.Length < slot.Length) return false;
        var data = _buffer.AsSpan(slot.Offset, slot.Size);
        if (spec.IsBcd)
        {
            int first = slot.FirstNibble;
            for (int i = 0; i < slot.Length; i++)
            {
                int n = Bcd.Nibble(data, first + i);
                destination[i] = n == Bcd.Separator ? '=' : (char)('0' + n);
            }
        }
        else
        {
            for (int i = 0; i < data.Length; i++) destination[i] = (char)data[i];
        }
        written = slot.Length;
        return true;
    }

    /// <summary>Same as the char overload, writing ASCII bytes.</summary>
    public bool TryGetDigits(int field, Span<byte> destination, out int written)
    {
        written = 0;
        if (!TryDigitSource(field, out var spec, out var slot) || destination.Length < slot.Length) return false;
        var data = _buffer.AsSpan(slot.Offset, slot.Size);
        if (spec.IsBcd)
        {
            int first = slot.FirstNibble;
            for (int i = 0; i < slot.Length; i++)
            {
                int n = Bcd.Nibble(data, first + i);
                destination[i] = n == Bcd.Separator ? (byte)'=' : (byte)('0' + n);
            }
        }
        else
        {
            data.CopyTo(destination);
        }
        written = slot.Length;
        return true;
    }

    /// <summary>The value of an n field of at most 19 digits (amounts in fen, trace numbers, dates).</summary>
    public bool TryGetUInt64(int field, out ulong value) => TryGetSubfield(field, 0, int.MaxValue, out value);

    /// <summary>The value of an n field of at most 18 digits as a signed number.</summary>
    public bool TryGetInt64(int field, out long value)
    {
        bool ok = TryGetUInt64(field, out ulong v) && v <= long.MaxValue;
        value = ok ? (long)v : 0;
        return ok;
    }

    /// <summary>
    /// The number formed by <paramref name="digitCount"/> digits of an n field starting at digit
    /// <paramref name="digitOffset"/> (0-based), e.g. 60.2 is (60, 2, 6). A count running past the end
    /// is cut at the end; false when absent, not n, empty, or more than 19 digits.
    /// </summary>
    public bool TryGetSubfield(int field, int digitOffset, int digitCount, out ulong value)
    {
        value = 0;
        if (!TryDigitSource(field, out var spec, out var slot) || spec.Format != FieldFormat.N) return false;
        if (digitOffset < 0 || digitCount <= 0 || digitOffset >= slot.Length) return false;
        int count = Math.Min(digitCount, slot.Length - digitOffset);
        if (count > 19) return false;
        var data = _buffer.AsSpan(slot.Offset, slot.Size);
        ulong v = 0;
        if (spec.IsBcd)
        {
            int first = slot.FirstNibble + digitOffset;
            for (int i = 0; i < count; i++) v = v * 10 + (uint)Bcd.Nibble(data, first + i);
        }
        else
        {
            for (int i = 0; i < count; i++) v = v * 10 + (uint)(data[digitOffset + i] - '0');
        }
        value = v;
        return true;
    }

    /// <summary>Int convenience for sub-fields of up to 9 digits; false as <see cref="TryGetSubfield(int,int,int,out ulong)"/>.</summary>
    public bool TryGetSubfield(int field, int digitOffset, int digitCount, out int value)
    {
        value = 0;
        if (digitCount > 9 || !TryGetSubfield(field, digitOffset, digitCount, out ulong v)) return false;
        value = (int)v;
        return true;
    }

    /// <summary>
    /// The field as text: digits for n/z, the bytes as Latin-1 characters otherwise (an, ans, and b such as
    /// the ASCII-hex MAC). Null when absent. Allocates a string: for callers who want one.
    /// </summary>
    public string? GetAscii(int field)
    {
        if (!Has(field)) return null;
        var spec = Dialect.Fields[field]!;
        ref readonly var slot = ref _slots[field];
        if (!spec.IsDigits) return Encoding.Latin1.GetString(_buffer, slot.Offset, slot.Size);
        Span<char> chars = slot.Length <= 512 ? stackalloc char[slot.Length] : new char[slot.Length];
        TryGetDigits(field, chars, out int written);
        return new string(chars[..written]);
    }

    private bool TryDigitSource(int field, out FieldSpec spec, out FieldSlot slot)
    {
        if (!Has(field) || Dialect.Fields[field] is not { IsDigits: true } s)
        {
            spec = null!;
            slot = default;
            return false;
        }
        spec = s;
        slot = _slots[field];
        return true;
    }
}
