namespace ActorSwitch.PosSim.Terminal;

/// <summary>What became of the working keys of a sign-on answer.</summary>
public enum SignOnKeyStatus
{
    /// <summary>Every check value matched; the keys are in use.</summary>
    Installed,
    /// <summary>No approved answer (no answer, or F39 other than 00): the previous keys stay.</summary>
    NotApproved,
    /// <summary>The approved answer carries no F62.</summary>
    Field62Missing,
    /// <summary>F62 is not the length of the requested layout (24, 40 or 60 bytes).</summary>
    Field62WrongLength,
    /// <summary>A key's check value does not match its decrypted key (wrong TMK or tampered field).</summary>
    CheckValueMismatch,
    /// <summary>The MAK is single-length where the terminal is configured for double-length, or the reverse.</summary>
    MacKeyLengthMismatch,
}
