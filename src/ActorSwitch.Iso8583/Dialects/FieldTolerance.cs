namespace ActorSwitch.Iso8583;

/// <summary>Deviations a field accepts when parsing (never emitted: the writer is always canonical).</summary>
[Flags]
public enum FieldTolerance : byte
{
    /// <summary>Strict.</summary>
    None = 0,
    /// <summary>An odd BCD digit count may be padded with nibble F as well as 0.</summary>
    PadNibbleF = 1,
    /// <summary>An odd variable BCD field whose trailing nibble is not a pad but whose leading nibble is 0
    /// was right-aligned by the sender: read it right-aligned (POS section 2, old terminals' F60).</summary>
    RightAlignedOddDigits = 2,
}
