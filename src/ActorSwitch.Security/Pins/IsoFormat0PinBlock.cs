namespace ActorSwitch.Security.Pins;

/// <summary>
/// ISO 9564-1 format 0 PIN block: PIN field (0, length, PIN digits, F fill) XOR PAN field
/// (0000 then the 12 right-most PAN digits excluding the check digit).
/// </summary>
public static class IsoFormat0PinBlock
{
    public const int Length = 8;
    public const int MinPinLength = 4;
    public const int MaxPinLength = 12;

    /// <summary>Builds the clear PIN block. Returns <see cref="PinBlockError.None"/> or why the inputs are invalid.</summary>
    public static PinBlockError Build(ReadOnlySpan<char> pin, ReadOnlySpan<char> pan, Span<byte> block)
    {
        if (pin.Length is < MinPinLength or > MaxPinLength)
            return PinBlockError.PinLengthOutOfRange;
        Span<byte> panField = stackalloc byte[Length];
        var panError = WritePanField(pan, panField);
        if (panError != PinBlockError.None)
            return panError;

        Span<byte> nibbles = stackalloc byte[2 * Length];
        nibbles.Fill(0xF);
        nibbles[0] = 0;
        nibbles[1] = (byte)pin.Length;
        for (var i = 0; i < pin.Length; i++)
        {
            if (!char.IsAsciiDigit(pin[i]))
                return PinBlockError.PinNotNumeric;
            nibbles[2 + i] = (byte)(pin[i] - '0');
        }

        for (var i = 0; i < Length; i++)
            block[i] = (byte)((nibbles[2 * i] << 4 | nibbles[2 * i + 1]) ^ panField[i]);
        return PinBlockError.None;
    }

    /// <summary>
    /// Checks a clear PIN block against its PAN and, when valid, writes the PIN digits (as ASCII) into
    /// <paramref name="pin"/> (at least 12 bytes) and their count into <paramref name="pinLength"/>.
    /// </summary>
    public static PinBlockError Parse(ReadOnlySpan<byte> block, ReadOnlySpan<char> pan, Span<byte> pin, out int pinLength)
    {
        pinLength = 0;
        Span<byte> pinField = stackalloc byte[Length];
        var error = RecoverPinField(block, pan, pinField);
        if (error != PinBlockError.None)
            return error;

        var length = pinField[0] & 0xF;
        for (var i = 0; i < length; i++)
            pin[i] = (byte)('0' + Nibble(pinField, 2 + i));
        pinField.Clear();
        pinLength = length;
        return PinBlockError.None;
    }

    /// <summary>Validates a clear PIN block without extracting the PIN.</summary>
    public static PinBlockError Validate(ReadOnlySpan<byte> block, ReadOnlySpan<char> pan)
    {
        Span<byte> pinField = stackalloc byte[Length];
        var error = RecoverPinField(block, pan, pinField);
        pinField.Clear();
        return error;
    }

    private static PinBlockError RecoverPinField(ReadOnlySpan<byte> block, ReadOnlySpan<char> pan, Span<byte> pinField)
    {
        if (block.Length != Length)
            return PinBlockError.WrongBlockLength;
        var panError = WritePanField(pan, pinField);
        if (panError != PinBlockError.None)
            return panError;
        for (var i = 0; i < Length; i++)
            pinField[i] ^= block[i];

        if (pinField[0] >> 4 != 0)
            return PinBlockError.WrongFormat;
        var length = pinField[0] & 0xF;
        if (length is < MinPinLength or > MaxPinLength)
            return PinBlockError.PinLengthOutOfRange;
        for (var i = 0; i < length; i++)
        {
            if (Nibble(pinField, 2 + i) > 9)
                return PinBlockError.PinNotNumeric;
        }

        for (var i = 2 + length; i < 2 * Length; i++)
        {
            if (Nibble(pinField, i) != 0xF)
                return PinBlockError.BadFill;
        }

        return PinBlockError.None;
    }

    private static PinBlockError WritePanField(ReadOnlySpan<char> pan, Span<byte> field)
    {
        if (pan.Length is < 2 or > 19)
            return PinBlockError.InvalidPan;
        foreach (var c in pan)
        {
            if (!char.IsAsciiDigit(c))
                return PinBlockError.InvalidPan;
        }

        // The 12 right-most digits before the check digit, left-padded with zeros for short PANs.
        var withoutCheckDigit = pan[..^1];
        var digits = withoutCheckDigit.Length > 12 ? withoutCheckDigit[^12..] : withoutCheckDigit;
        field.Clear();
        var firstNibble = 2 * Length - digits.Length;
        for (var i = 0; i < digits.Length; i++)
        {
            var position = firstNibble + i;
            var value = (byte)(digits[i] - '0');
            field[position / 2] |= position % 2 == 0 ? (byte)(value << 4) : value;
        }

        return PinBlockError.None;
    }

    private static int Nibble(ReadOnlySpan<byte> bytes, int index) =>
        index % 2 == 0 ? bytes[index / 2] >> 4 : bytes[index / 2] & 0xF;
}
