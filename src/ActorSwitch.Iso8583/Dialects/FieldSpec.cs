namespace ActorSwitch.Iso8583;

/// <summary>
/// One row of a dialect's field table: everything the reader and writer need to know about a field.
/// Immutable; the derived sizes are computed once here so the hot path only reads fields.
/// </summary>
public sealed class FieldSpec
{
    /// <summary>Creates a field description.</summary>
    /// <param name="number">Field number, 2..128.</param>
    /// <param name="format">n, z, an, ans or b.</param>
    /// <param name="lengthType">Fixed, LLVAR or LLLVAR.</param>
    /// <param name="maxLength">Fixed length, or maximum for variable fields, in digits (n, z) or bytes.</param>
    /// <param name="encoding">How n and z digits travel (ignored for an, ans, b).</param>
    /// <param name="prefixEncoding">How the LL/LLL length prefix travels.</param>
    /// <param name="alignment">Pad position for odd BCD digit counts; default right for fixed, left for variable.</param>
    /// <param name="tolerance">Deviations accepted when parsing.</param>
    public FieldSpec(int number, FieldFormat format, LengthType lengthType, int maxLength,
        NumericEncoding encoding = NumericEncoding.Bcd, NumericEncoding prefixEncoding = NumericEncoding.Bcd,
        Alignment? alignment = null, FieldTolerance tolerance = FieldTolerance.None)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 128);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        int prefixLimit = lengthType switch { LengthType.LLVar => 99, LengthType.LLLVar => 999, _ => int.MaxValue };
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLength, prefixLimit);

        Number = number;
        Format = format;
        LengthType = lengthType;
        MaxLength = maxLength;
        Unit = format is FieldFormat.N or FieldFormat.Z ? LengthUnit.Digits : LengthUnit.Bytes;
        Encoding = encoding;
        PrefixEncoding = prefixEncoding;
        Alignment = alignment ?? (lengthType == LengthType.Fixed ? Alignment.Right : Alignment.Left);
        Tolerance = tolerance;
        IsBcd = Unit == LengthUnit.Digits && encoding == NumericEncoding.Bcd;
        PrefixSize = lengthType switch
        {
            LengthType.LLVar => prefixEncoding == NumericEncoding.Bcd ? 1 : 2,
            LengthType.LLLVar => prefixEncoding == NumericEncoding.Bcd ? 2 : 3,
            _ => 0,
        };
    }

    /// <summary>Field number, 2..128.</summary>
    public int Number { get; }
    /// <summary>n, z, an, ans or b.</summary>
    public FieldFormat Format { get; }
    /// <summary>Fixed, LLVAR or LLLVAR.</summary>
    public LengthType LengthType { get; }
    /// <summary>Fixed length, or the maximum of a variable field, in <see cref="Unit"/>.</summary>
    public int MaxLength { get; }
    /// <summary>Digits for n and z, bytes for the others.</summary>
    public LengthUnit Unit { get; }
    /// <summary>How n and z digits travel.</summary>
    public NumericEncoding Encoding { get; }
    /// <summary>How the length prefix travels.</summary>
    public NumericEncoding PrefixEncoding { get; }
    /// <summary>Pad position for odd BCD digit counts (variable fields are always emitted left-aligned).</summary>
    public Alignment Alignment { get; }
    /// <summary>Deviations accepted when parsing.</summary>
    public FieldTolerance Tolerance { get; }
    /// <summary>True when the data is packed BCD digits.</summary>
    public bool IsBcd { get; }
    /// <summary>Bytes of the length prefix on the wire (0 for fixed fields).</summary>
    public int PrefixSize { get; }
    /// <summary>True for n and z.</summary>
    public bool IsDigits => Unit == LengthUnit.Digits;

    /// <summary>Bytes of data on the wire for a length of <paramref name="length"/> units.</summary>
    public int DataSize(int length) => IsBcd ? (length + 1) >> 1 : length;

    /// <inheritdoc />
    public override string ToString() => $"F{Number} {Format} {LengthType} {MaxLength}";
}
