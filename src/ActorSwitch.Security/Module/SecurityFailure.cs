namespace ActorSwitch.Security.Module;

/// <summary>Why the security module refused an operation.</summary>
public enum SecurityFailure
{
    /// <summary>Fewer than two LMK components were supplied: one person alone must never hold the LMK.</summary>
    TooFewComponents,
    /// <summary>A component is not hex, has the wrong length, or the components cancel out.</summary>
    InvalidComponent,
    /// <summary>The demo LMK or demo key-loading-device KBPK was requested outside development mode.</summary>
    DemoKeyOutsideDevelopment,
    /// <summary>A key block is malformed, tampered with, or wrapped under another LMK or KEK.</summary>
    KeyBlockInvalid,
    /// <summary>The key's usage (TR-31 bytes 5-6) does not allow the operation, e.g. a MAC key asked to encrypt a PIN.</summary>
    KeyUsageNotPermitted,
    /// <summary>The key's mode of use (TR-31 byte 8) does not allow the operation, e.g. an encrypt-only key asked to decrypt.</summary>
    ModeOfUseNotPermitted,
    /// <summary>The key's algorithm or length does not fit the operation.</summary>
    AlgorithmNotPermitted,
    /// <summary>The key's exportability forbids wrapping it under another key.</summary>
    KeyNotExportable,
    /// <summary>The requested key specification is inconsistent (length for the algorithm, key version, ...).</summary>
    InvalidKeySpecification,
    /// <summary>An input other than a key is malformed: a PAN, a PIN, a stored ciphertext, a card serial.</summary>
    InvalidInput,
}
