using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Module;
using ActorSwitch.Security.SignOn;

namespace ActorSwitch.Security.Tests.Module;

public sealed class KeyUsageEnforcementTests
{
    private const string Pan = "6212340000000000012";
    private static readonly byte[] Block = new byte[8];
    private readonly SoftwareSecurityModule module = TestModules.Production();

    [Fact]
    public void A_mac_key_cannot_encrypt_or_decrypt_a_pin()
    {
        var mac = module.GenerateKey(KeySpecification.RetailMacKey);
        var zpk = module.GenerateKey(KeySpecification.ZonePinKey);
        TestModules.Refusal(() => module.TranslatePinBlock(mac, zpk, Block, Pan, new byte[8]), SecurityFailure.KeyUsageNotPermitted);
        TestModules.Refusal(() => module.TranslatePinBlock(zpk, mac, Block, Pan, new byte[8]), SecurityFailure.KeyUsageNotPermitted);
    }

    [Fact]
    public void A_pin_key_cannot_make_or_verify_a_mac()
    {
        var zpk = module.GenerateKey(KeySpecification.ZonePinKey);
        TestModules.Refusal(() => module.GenerateMac(zpk, MacAlgorithm.UnionPayEcb, Block, new byte[8]), SecurityFailure.KeyUsageNotPermitted);
        TestModules.Refusal(() => module.VerifyMac(zpk, MacAlgorithm.AnsiX919, Block, new byte[8]), SecurityFailure.KeyUsageNotPermitted);
    }

    [Fact]
    public void A_key_encryption_key_only_wraps_and_unwraps()
    {
        var kek = module.GenerateKey(KeySpecification.TerminalMasterKey);
        var zpk = module.GenerateKey(KeySpecification.ZonePinKey);
        TestModules.Refusal(() => module.TranslatePinBlock(zpk, kek, Block, Pan, new byte[8]), SecurityFailure.KeyUsageNotPermitted);
        TestModules.Refusal(() => module.GenerateMac(kek, MacAlgorithm.UnionPayEcb, Block, new byte[8]), SecurityFailure.KeyUsageNotPermitted);
        TestModules.Refusal(() => module.EncryptPan(kek, Pan), SecurityFailure.KeyUsageNotPermitted);
        TestModules.Refusal(() => module.VerifyTac(kek, new byte[8], Block, new byte[4]), SecurityFailure.KeyUsageNotPermitted);
    }

    [Fact]
    public void A_data_key_cannot_make_macs_or_wrap_keys()
    {
        var data = module.GenerateKey(KeySpecification.PanDataKey);
        var zpk = module.GenerateKey(KeySpecification.ZonePinKey);
        TestModules.Refusal(() => module.GenerateMac(data, MacAlgorithm.AnsiX919, Block, new byte[8]), SecurityFailure.KeyUsageNotPermitted);
        TestModules.Refusal(() => module.ExportKey(zpk, data), SecurityFailure.KeyUsageNotPermitted);
        TestModules.Refusal(() => module.IssueWorkingKeys(data, SignOnKeyLayout.DoubleLength), SecurityFailure.KeyUsageNotPermitted);
    }

    [Fact]
    public void Other_keys_cannot_do_pin_verification_purse_or_pan_work()
    {
        var pvk = module.GenerateKey(KeySpecification.PinVerificationKey);
        var purse = module.GenerateKey(KeySpecification.PurseMasterKey);
        var zpk = module.GenerateKey(KeySpecification.ZonePinKey);
        TestModules.Refusal(() => module.EncryptPan(pvk, Pan), SecurityFailure.KeyUsageNotPermitted);
        TestModules.Refusal(() => module.GenerateMac(purse, MacAlgorithm.UnionPayEcb, Block, new byte[8]), SecurityFailure.KeyUsageNotPermitted);
        TestModules.Refusal(() => module.VerifyPin(zpk, Block, Pan, zpk, 1, "1234"), SecurityFailure.KeyUsageNotPermitted);
        TestModules.Refusal(() => module.TokenizePan(purse, Pan), SecurityFailure.KeyUsageNotPermitted);
        TestModules.Refusal(() => module.DeriveCardKey(pvk, new byte[8]), SecurityFailure.KeyUsageNotPermitted);
    }

    [Fact]
    public void Mode_of_use_is_enforced()
    {
        var sign = module.IssueWorkingKeys(module.GenerateKey(KeySpecification.TerminalMasterKey), SignOnKeyLayout.DoubleLength);
        var zpk = module.GenerateKey(KeySpecification.ZonePinKey);
        // The terminal's PIK is decrypt-only at the switch: it cannot be the destination of a translation.
        TestModules.Refusal(() => module.TranslatePinBlock(zpk, sign.PinKey, Block, Pan, new byte[8]), SecurityFailure.ModeOfUseNotPermitted);

        var verifyOnly = module.GenerateKey(KeySpecification.RetailMacKey with { ModeOfUse = KeyModeOfUse.VerifyOnly });
        TestModules.Refusal(() => module.GenerateMac(verifyOnly, MacAlgorithm.AnsiX919, Block, new byte[8]), SecurityFailure.ModeOfUseNotPermitted);

        var encryptOnlyData = module.GenerateKey(KeySpecification.PanDataKey with { ModeOfUse = KeyModeOfUse.EncryptOnly });
        var stored = module.EncryptPan(encryptOnlyData, Pan);
        TestModules.Refusal(() => module.DecryptStoredPan(encryptOnlyData, stored), SecurityFailure.ModeOfUseNotPermitted);

        var unwrapOnly = module.GenerateKey(KeySpecification.ZoneMasterKey with { ModeOfUse = KeyModeOfUse.DecryptOnly });
        TestModules.Refusal(() => module.ExportKey(zpk, unwrapOnly), SecurityFailure.ModeOfUseNotPermitted);
    }

    [Fact]
    public void Mac_algorithm_must_fit_the_key()
    {
        var retail = module.GenerateKey(KeySpecification.RetailMacKey);
        TestModules.Refusal(() => module.GenerateMac(retail, MacAlgorithm.UnionPayEcb, Block, new byte[8]), SecurityFailure.KeyUsageNotPermitted);
        var doubleLengthM1 = module.GenerateKey(new KeySpecification(KeyUsage.MacIso9797Algorithm1, KeyAlgorithm.Tdes, KeyModeOfUse.GenerateAndVerify, 16));
        TestModules.Refusal(() => module.GenerateMac(doubleLengthM1, MacAlgorithm.AnsiX99, Block, new byte[8]), SecurityFailure.AlgorithmNotPermitted);
    }

    [Fact]
    public void Non_exportable_keys_do_not_leave()
    {
        var kek = module.GenerateKey(KeySpecification.ZoneMasterKey);
        var pvk = module.GenerateKey(KeySpecification.PinVerificationKey);
        TestModules.Refusal(() => module.ExportKey(pvk, kek), SecurityFailure.KeyNotExportable);
        var sensitive = module.GenerateKey(KeySpecification.ZonePinKey with { Exportability = KeyExportability.Sensitive });
        TestModules.Refusal(() => module.ExportKey(sensitive, kek), SecurityFailure.KeyNotExportable);
        var kldKbpk = module.Load(KeyUsage.KeyBlockProtection, KeyAlgorithm.Aes, KeyModeOfUse.Both, new string('1', 64));
        var pinnedTmk = module.GenerateKey(KeySpecification.TerminalMasterKey with { Exportability = KeyExportability.NonExportable });
        TestModules.Refusal(() => module.ExportTerminalMasterKey(pinnedTmk, kldKbpk), SecurityFailure.KeyNotExportable);
    }

    [Fact]
    public void Inconsistent_specifications_are_refused()
    {
        TestModules.Refusal(() => module.GenerateKey(KeySpecification.ZonePinKey with { Length = 8 }), SecurityFailure.InvalidKeySpecification);
        TestModules.Refusal(() => module.GenerateKey(KeySpecification.PanDataKey with { Algorithm = KeyAlgorithm.Rsa }), SecurityFailure.InvalidKeySpecification);
        TestModules.Refusal(() => module.GenerateKey(KeySpecification.PanDataKey with { KeyVersion = "1" }), SecurityFailure.InvalidKeySpecification);
    }
}
