namespace ActorSwitch.Iso8583;

/// <summary>How a field's length is known: from the table, or from a 2- or 3-digit prefix.</summary>
public enum LengthType : byte
{
    /// <summary>Length fixed by the dialect; no prefix on the wire.</summary>
    Fixed,
    /// <summary>Two-digit length prefix (up to 99).</summary>
    LLVar,
    /// <summary>Three-digit length prefix (up to 999).</summary>
    LLLVar,
}
