namespace ActorSwitch.Iso8583;

/// <summary>
/// A wire dialect as data: framing, MTI and bitmap rules and the field table. The reader and writer
/// contain no dialect-specific branches; two links differ only by the <see cref="Dialect"/> they pass.
/// </summary>
public sealed class Dialect
{
    private readonly FieldSpec?[] _fields = new FieldSpec?[129];

    /// <summary>Creates a dialect; the field table is checked for consistency here, once.</summary>
    public Dialect(string name, FrameLengthPrefix lengthPrefix, bool hasTpdu, bool hasHeader,
        NumericEncoding mtiEncoding, bool allowSecondaryBitmap, IEnumerable<FieldSpec> fields,
        int maxFrameLength = 2048)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(fields);
        int prefixLimit = lengthPrefix == FrameLengthPrefix.Binary2 ? ushort.MaxValue : 9999;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFrameLength, prefixLimit);

        Name = name;
        LengthPrefix = lengthPrefix;
        LengthPrefixSize = lengthPrefix == FrameLengthPrefix.Binary2 ? 2 : 4;
        HasTpdu = hasTpdu;
        HasHeader = hasHeader;
        MtiEncoding = mtiEncoding;
        MtiSize = mtiEncoding == NumericEncoding.Bcd ? 2 : 4;
        AllowSecondaryBitmap = allowSecondaryBitmap;
        MaxFrameLength = maxFrameLength;
        MtiOffset = (hasTpdu ? Tpdu.Size : 0) + (hasHeader ? PosHeader.Size : 0);

        foreach (var spec in fields)
        {
            if (_fields[spec.Number] is not null)
                throw new ArgumentException($"Field {spec.Number} is defined twice in dialect {name}.", nameof(fields));
            if (spec.Number > 64 && !allowSecondaryBitmap)
                throw new ArgumentException($"Field {spec.Number} needs a secondary bitmap, which {name} does not allow.", nameof(fields));
            if (spec.Number is 64 or 128 && (spec.Format != FieldFormat.B || spec.LengthType != LengthType.Fixed || spec.MaxLength != 8))
                throw new ArgumentException($"Field {spec.Number} is the MAC and must be b8 fixed.", nameof(fields));
            _fields[spec.Number] = spec;
        }
    }

    /// <summary>Name for logs.</summary>
    public string Name { get; }
    /// <summary>Kind of frame length prefix.</summary>
    public FrameLengthPrefix LengthPrefix { get; }
    /// <summary>Bytes of the frame length prefix (2 or 4).</summary>
    public int LengthPrefixSize { get; }
    /// <summary>A 5-byte TPDU follows the length.</summary>
    public bool HasTpdu { get; }
    /// <summary>A 6-byte BCD POS header follows the TPDU.</summary>
    public bool HasHeader { get; }
    /// <summary>BCD (2 bytes) or ASCII (4 bytes) MTI.</summary>
    public NumericEncoding MtiEncoding { get; }
    /// <summary>Bytes of the MTI on the wire.</summary>
    public int MtiSize { get; }
    /// <summary>Offset of the MTI in a frame (after TPDU and header).</summary>
    public int MtiOffset { get; }
    /// <summary>Whether bit 1 (secondary bitmap, fields 65..128) is allowed; if not, bit 1 is a format error.</summary>
    public bool AllowSecondaryBitmap { get; }
    /// <summary>Largest frame accepted or written, counted after the length prefix.</summary>
    public int MaxFrameLength { get; }

    /// <summary>The field's description, or null when the dialect does not define it.</summary>
    public FieldSpec? GetField(int number) => (uint)number < (uint)_fields.Length ? _fields[number] : null;

    /// <summary>The table indexed by field number (0 and 1 are always null); shared, never mutated.</summary>
    internal FieldSpec?[] Fields => _fields;

    /// <summary>Which field carries the MAC: 128 when the message uses the secondary bitmap and the
    /// dialect defines 128, otherwise 64.</summary>
    internal int MacFieldFor(bool usesSecondaryBitmap) =>
        usesSecondaryBitmap && _fields[128] is not null ? 128 : 64;

    /// <inheritdoc />
    public override string ToString() => Name;
}
