using ActorSwitch.Security.KeyBlocks;

namespace ActorSwitch.Security.Module;

/// <summary>What a new key is for: the TR-31 attributes that will be bound to it, and its length in bytes.</summary>
public sealed record KeySpecification(
    KeyUsage Usage,
    KeyAlgorithm Algorithm,
    KeyModeOfUse ModeOfUse,
    int Length,
    KeyExportability Exportability = KeyExportability.NonExportable,
    string KeyVersion = "00")
{
    /// <summary>Terminal master key: wraps the working keys of sign-on; exportable once, to the key-loading device.</summary>
    public static KeySpecification TerminalMasterKey { get; } =
        new(KeyUsage.KeyEncryption, KeyAlgorithm.Tdes, KeyModeOfUse.Both, 16, KeyExportability.Exportable);

    /// <summary>Zone master key shared with the centre: imports and exports working keys as TR-31 blocks.</summary>
    public static KeySpecification ZoneMasterKey { get; } =
        new(KeyUsage.KeyEncryption, KeyAlgorithm.Aes, KeyModeOfUse.Both, 32, KeyExportability.Exportable);

    /// <summary>Zone PIN key: PIN blocks between the switch and the centre.</summary>
    public static KeySpecification ZonePinKey { get; } =
        new(KeyUsage.PinEncryption, KeyAlgorithm.Tdes, KeyModeOfUse.Both, 16, KeyExportability.Exportable);

    /// <summary>Visa PVV key of an issuer (the centre): generates and verifies PVVs.</summary>
    public static KeySpecification PinVerificationKey { get; } =
        new(KeyUsage.PinVerificationVisaPvv, KeyAlgorithm.Tdes, KeyModeOfUse.GenerateAndVerify, 16);

    /// <summary>X9.19 MAC key between the switch and a host.</summary>
    public static KeySpecification RetailMacKey { get; } =
        new(KeyUsage.MacIso9797Algorithm3, KeyAlgorithm.Tdes, KeyModeOfUse.GenerateAndVerify, 16, KeyExportability.Exportable);

    /// <summary>AES-256 data key for stored card numbers and PAN tokens.</summary>
    public static KeySpecification PanDataKey { get; } =
        new(KeyUsage.DataEncryption, KeyAlgorithm.Aes, KeyModeOfUse.Both, 32);

    /// <summary>PBOC purse or TAC master key: only derives card keys.</summary>
    public static KeySpecification PurseMasterKey { get; } =
        new(KeyUsage.EmvOther, KeyAlgorithm.Tdes, KeyModeOfUse.DeriveKeys, 16);

    internal bool IsConsistent =>
        KeyVersion is { Length: 2 } && KeyVersion.All(char.IsAsciiLetterOrDigit) && Usage.Code is not null
        && Enum.IsDefined(ModeOfUse) && Enum.IsDefined(Exportability)
        && Algorithm switch
        {
            KeyAlgorithm.Des => Length == 8,
            KeyAlgorithm.Tdes => Length is 16 or 24,
            KeyAlgorithm.Aes => Length is 16 or 24 or 32,
            _ => false,
        };

    internal KeyBlockHeader ToHeader(KeyBlockVersion version) =>
        new(version, Usage, Algorithm, ModeOfUse, KeyVersion, Exportability);
}
