namespace ActorSwitch.Iso8583;

/// <summary>ISO 8583 data format of a field (the letters of the field tables).</summary>
public enum FieldFormat : byte
{
    /// <summary>Numeric digits 0-9.</summary>
    N,
    /// <summary>Track data: digits and the separator <c>=</c> (BCD nibble D).</summary>
    Z,
    /// <summary>Alphanumeric, one byte per character.</summary>
    An,
    /// <summary>Alphanumeric and special characters, one byte per character, kept as received.</summary>
    Ans,
    /// <summary>Binary, kept as received.</summary>
    B,
}
