using ActorSwitch.Security.KeyBlocks;

namespace ActorSwitch.Security.Module;

/// <summary>
/// The usage rules: each operation names the usages, modes of use and algorithms it accepts. A key
/// encryption key therefore only wraps and unwraps, a PIN key only handles PIN blocks, a MAC key only
/// MACs, a data key only encrypts data and makes tokens.
/// </summary>
internal static class KeyUsagePolicy
{
    private static readonly KeyUsage[] KeyEncryptionKeys = [KeyUsage.KeyEncryption, KeyUsage.KeyBlockProtection];
    private static readonly KeyUsage[] PinKeys = [KeyUsage.PinEncryption];
    private static readonly KeyUsage[] MacKeys = [KeyUsage.MacIso9797Algorithm1, KeyUsage.MacIso9797Algorithm3];
    private static readonly KeyUsage[] PinVerificationKeys = [KeyUsage.PinVerificationVisaPvv];
    private static readonly KeyUsage[] CardMasterKeys = [KeyUsage.EmvOther];
    private static readonly KeyUsage[] DataKeys = [KeyUsage.DataEncryption];

    private static readonly KeyAlgorithm[] DesFamily = [KeyAlgorithm.Des, KeyAlgorithm.Tdes];
    private static readonly KeyAlgorithm[] TdesOnly = [KeyAlgorithm.Tdes];
    private static readonly KeyAlgorithm[] AesOnly = [KeyAlgorithm.Aes];
    private static readonly KeyAlgorithm[] AnyWrapping = [KeyAlgorithm.Tdes, KeyAlgorithm.Aes];

    private static readonly KeyModeOfUse[] Encrypting = [KeyModeOfUse.Both, KeyModeOfUse.EncryptOnly];
    private static readonly KeyModeOfUse[] Decrypting = [KeyModeOfUse.Both, KeyModeOfUse.DecryptOnly];
    private static readonly KeyModeOfUse[] Generating = [KeyModeOfUse.GenerateAndVerify, KeyModeOfUse.GenerateOnly];
    private static readonly KeyModeOfUse[] Verifying = [KeyModeOfUse.GenerateAndVerify, KeyModeOfUse.VerifyOnly];
    private static readonly KeyModeOfUse[] Deriving = [KeyModeOfUse.DeriveKeys];
    private static readonly KeyModeOfUse[] AnyDataMode =
        [KeyModeOfUse.Both, KeyModeOfUse.EncryptOnly, KeyModeOfUse.DecryptOnly, KeyModeOfUse.NoSpecialRestrictions];

    public static void Require(KeyBlockHeader key, KeyOperation operation)
    {
        var (usages, modes, algorithms) = operation switch
        {
            KeyOperation.WrapKey => (KeyEncryptionKeys, Encrypting, AnyWrapping),
            KeyOperation.UnwrapKey => (KeyEncryptionKeys, Decrypting, AnyWrapping),
            KeyOperation.EncryptPin => (PinKeys, Encrypting, DesFamily),
            KeyOperation.DecryptPin => (PinKeys, Decrypting, DesFamily),
            KeyOperation.GenerateMac => (MacKeys, Generating, DesFamily),
            KeyOperation.VerifyMac => (MacKeys, Verifying, DesFamily),
            KeyOperation.GeneratePinVerificationValue => (PinVerificationKeys, Generating, TdesOnly),
            KeyOperation.VerifyPinVerificationValue => (PinVerificationKeys, Verifying, TdesOnly),
            KeyOperation.DeriveCardKey => (CardMasterKeys, Deriving, TdesOnly),
            KeyOperation.EncryptData => (DataKeys, Encrypting, AesOnly),
            KeyOperation.DecryptData => (DataKeys, Decrypting, AesOnly),
            KeyOperation.TokenizeData => (DataKeys, AnyDataMode, AesOnly),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };

        if (!usages.Contains(key.Usage))
            throw new SecurityModuleException(SecurityFailure.KeyUsageNotPermitted,
                $"A {key.Usage.Code} key cannot be used to {Describe(operation)}.");
        if (!modes.Contains(key.ModeOfUse))
            throw new SecurityModuleException(SecurityFailure.ModeOfUseNotPermitted,
                $"A key with mode of use {(char)key.ModeOfUse} cannot be used to {Describe(operation)}.");
        if (!algorithms.Contains(key.Algorithm))
            throw new SecurityModuleException(SecurityFailure.AlgorithmNotPermitted,
                $"A key of algorithm {(char)key.Algorithm} cannot be used to {Describe(operation)}.");
    }

    private static string Describe(KeyOperation operation) => operation switch
    {
        KeyOperation.WrapKey => "wrap a key",
        KeyOperation.UnwrapKey => "unwrap a key",
        KeyOperation.EncryptPin => "encrypt a PIN block",
        KeyOperation.DecryptPin => "decrypt a PIN block",
        KeyOperation.GenerateMac => "generate a MAC",
        KeyOperation.VerifyMac => "verify a MAC",
        KeyOperation.GeneratePinVerificationValue => "generate a PIN verification value",
        KeyOperation.VerifyPinVerificationValue => "verify a PIN",
        KeyOperation.DeriveCardKey => "derive card keys",
        KeyOperation.EncryptData => "encrypt data",
        KeyOperation.DecryptData => "decrypt data",
        _ => "make a token",
    };
}
