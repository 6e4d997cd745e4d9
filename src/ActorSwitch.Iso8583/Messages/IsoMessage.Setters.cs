using System.Globalization;

namespace ActorSwitch.Iso8583;

// Building and modifying. Values are encoded into the dialect's wire form once, here, and appended to
// the buffer; the writer then only copies. Setters check their input against the field table and throw
// ArgumentException on a programming error (they are not fed by the network).
public sealed partial class IsoMessage
{
    /// <summary>Sets the message type indicator (0..9999, e.g. 210 for 0210).</summary>
    public void SetMti(int mti)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mti);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mti, 9999);
        Mti = mti;
    }

    /// <summary>Sets an n or z field from its digits ('=' allowed in z). Fixed fields need exactly their
    /// length; variable ones at most their maximum.</summary>
    public void SetDigits(int field, ReadOnlySpan<char> digits)
    {
        var spec = RequireSpec(field);
        if (!spec.IsDigits) throw new ArgumentException($"Field {field} is {spec.Format}, not digits.", nameof(field));
        CheckLength(spec, digits.Length, exactForFixed: true);
        bool separatorAllowed = spec.Format == FieldFormat.Z;
        foreach (char c in digits)
        {
            if (!char.IsAsciiDigit(c) && !(separatorAllowed && c == '='))
                throw new ArgumentException($"Field {field} accepts digits only{(separatorAllowed ? " and '='" : "")}.", nameof(digits));
        }

        int length = digits.Length;
        int size = spec.DataSize(length);
        var dest = Allocate(size, out int offset);
        bool right = spec.IsBcd && (length & 1) == 1 && spec.LengthType == LengthType.Fixed && spec.Alignment == Alignment.Right;
        if (spec.IsBcd)
        {
            dest.Clear(); // pad nibble 0
            int first = right ? 1 : 0;
            for (int i = 0; i < length; i++)
            {
                int v = digits[i] == '=' ? Bcd.Separator : digits[i] - '0';
                int nibble = first + i;
                dest[nibble >> 1] |= (byte)((nibble & 1) == 0 ? v << 4 : v);
            }
        }
        else
        {
            for (int i = 0; i < length; i++) dest[i] = (byte)digits[i];
        }
        Store(field, new FieldSlot(offset, size, length, right));
    }

    /// <summary>Sets an n field to a number; fixed fields are zero-padded on the left to their length.</summary>
    public void SetNumber(int field, ulong value)
    {
        var spec = RequireSpec(field);
        Span<char> text = stackalloc char[20];
        value.TryFormat(text, out int n, default, CultureInfo.InvariantCulture);
        if (spec.LengthType != LengthType.Fixed || spec.Format != FieldFormat.N)
        {
            SetDigits(field, text[..n]);
            return;
        }
        if (n > spec.MaxLength) throw new ArgumentOutOfRangeException(nameof(value), $"{value} does not fit in n{spec.MaxLength}.");
        Span<char> padded = spec.MaxLength <= 128 ? stackalloc char[spec.MaxLength] : new char[spec.MaxLength];
        padded[..^n].Fill('0');
        text[..n].CopyTo(padded[^n..]);
        SetDigits(field, padded);
    }

    /// <summary>Sets a field from text. n/z fields take digits (see <see cref="SetDigits"/>); fixed an/ans
    /// fields are space-padded on the right; characters must be Latin-1.</summary>
    public void SetAscii(int field, ReadOnlySpan<char> text)
    {
        var spec = RequireSpec(field);
        if (spec.IsDigits)
        {
            SetDigits(field, text);
            return;
        }
        CheckLength(spec, text.Length, exactForFixed: spec.Format == FieldFormat.B);
        foreach (char c in text)
        {
            if (c > 0xFF) throw new ArgumentException($"Field {field} takes single-byte characters only.", nameof(text));
        }
        int size = spec.LengthType == LengthType.Fixed ? spec.MaxLength : text.Length;
        var dest = Allocate(size, out int offset);
        for (int i = 0; i < text.Length; i++) dest[i] = (byte)text[i];
        dest[text.Length..].Fill((byte)' ');
        Store(field, new FieldSlot(offset, size, size, false));
    }

    /// <summary>Sets an an, ans or b field to bytes as they are (fixed fields need exactly their length).</summary>
    public void SetBinary(int field, ReadOnlySpan<byte> value)
    {
        var spec = RequireSpec(field);
        if (spec.IsDigits) throw new ArgumentException($"Field {field} is {spec.Format}: use SetDigits or SetNumber.", nameof(field));
        CheckLength(spec, value.Length, exactForFixed: true);
        var dest = Allocate(value.Length, out int offset);
        value.CopyTo(dest);
        Store(field, new FieldSlot(offset, value.Length, value.Length, false));
    }

    /// <summary>Copies a field as it is from another message of the same dialect (echoing request fields
    /// in an answer); removes it here when the source lacks it.</summary>
    public void CopyFrom(IsoMessage source, int field)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!ReferenceEquals(source.Dialect, Dialect))
            throw new ArgumentException("Fields can be copied between messages of the same dialect only.", nameof(source));
        RequireSpec(field);
        if (!source.Has(field))
        {
            Remove(field);
            return;
        }
        var slot = source._slots[field];
        var dest = Allocate(slot.Size, out int offset);
        source._buffer.AsSpan(slot.Offset, slot.Size).CopyTo(dest);
        slot.Offset = offset;
        Store(field, slot);
    }

    /// <summary>Removes a field (no effect when absent).</summary>
    public void Remove(int field)
    {
        if ((uint)(field - 2) < MaxField - 1) MarkPresent(field, false);
    }

    private void Store(int field, FieldSlot slot)
    {
        _slots[field] = slot;
        MarkPresent(field, true);
    }

    private FieldSpec RequireSpec(int field) =>
        Dialect.GetField(field) ?? throw new ArgumentException($"Field {field} is not defined in dialect {Dialect.Name}.", nameof(field));

    private static void CheckLength(FieldSpec spec, int length, bool exactForFixed)
    {
        bool ok = spec.LengthType == LengthType.Fixed
            ? (exactForFixed ? length == spec.MaxLength : length <= spec.MaxLength)
            : length <= spec.MaxLength;
        if (!ok)
        {
            throw new ArgumentException(spec.LengthType == LengthType.Fixed && exactForFixed
                ? $"Field {spec.Number} needs exactly {spec.MaxLength} {spec.Unit}, got {length}."
                : $"Field {spec.Number} takes at most {spec.MaxLength} {spec.Unit}, got {length}.");
        }
    }
}
