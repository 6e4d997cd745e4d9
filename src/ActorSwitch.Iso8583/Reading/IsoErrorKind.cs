namespace ActorSwitch.Iso8583;

/// <summary>Why a frame could not be parsed. Every kind is a format error (response 30) for the switch.</summary>
public enum IsoErrorKind : byte
{
    /// <summary>No error.</summary>
    None,
    /// <summary>The frame ends inside the TPDU, header, MTI, bitmap, a length prefix or a fixed field.</summary>
    Truncated,
    /// <summary>The frame is longer than the dialect's maximum.</summary>
    FrameTooLong,
    /// <summary>The MTI is not 4 decimal digits.</summary>
    BadMti,
    /// <summary>Bit 1 (secondary bitmap) is set in a dialect that does not allow it.</summary>
    SecondaryBitmapNotAllowed,
    /// <summary>The bitmap announces a field the dialect does not define.</summary>
    FieldNotInDialect,
    /// <summary>An LL/LLL prefix has a nibble above 9 (BCD) or a non-digit (ASCII): negative, garbage.</summary>
    BadLengthPrefix,
    /// <summary>An LL/LLL prefix is above the field's maximum.</summary>
    LengthAboveMaximum,
    /// <summary>An LL/LLL prefix runs past the end of the frame.</summary>
    LengthPastEnd,
    /// <summary>A digit field holds a nibble above 9 (BCD) or a non-digit (ASCII); for z, other than '='.</summary>
    BadDigit,
    /// <summary>An odd digit count whose pad nibble breaks the rules of section 2.</summary>
    BadPadding,
    /// <summary>Bytes remain after the last field of the bitmap.</summary>
    TrailingBytes,
}
