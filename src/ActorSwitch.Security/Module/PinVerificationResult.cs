namespace ActorSwitch.Security.Module;

/// <summary>Outcome of verifying an encrypted PIN block against a stored PIN verification value.</summary>
public enum PinVerificationResult
{
    Verified,
    /// <summary>The PIN is well formed but wrong (answer 55).</summary>
    Mismatch,
    /// <summary>The PIN block does not decode to a valid PIN for the PAN (answer 99).</summary>
    InvalidPinBlock,
}
