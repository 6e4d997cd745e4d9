namespace ActorSwitch.Security.Module;

/// <summary>What a key is asked to do; <see cref="KeyUsagePolicy"/> decides whether its attributes allow it.</summary>
internal enum KeyOperation
{
    WrapKey,
    UnwrapKey,
    EncryptPin,
    DecryptPin,
    GenerateMac,
    VerifyMac,
    GeneratePinVerificationValue,
    VerifyPinVerificationValue,
    DeriveCardKey,
    EncryptData,
    DecryptData,
    TokenizeData,
}
