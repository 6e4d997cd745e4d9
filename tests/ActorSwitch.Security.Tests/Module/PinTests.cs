using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Module;
using ActorSwitch.Security.Pins;

namespace ActorSwitch.Security.Tests.Module;

public sealed class PinTests
{
    private static readonly System.Text.Json.JsonElement Vector = TestVectors.Computed.GetProperty("pin_translate_computed");
    private const string Pvk = "0123456789ABCDEFFEDCBA9876543210";

    [Fact]
    public void Pin_goes_from_terminal_to_centre_and_verifies_against_the_pvv()
    {
        // Switch: the terminal's PIN block under the TPK becomes a block under the ZPK.
        var switchModule = TestModules.Production();
        var tpk = switchModule.Load(KeyUsage.PinEncryption, KeyAlgorithm.Tdes, KeyModeOfUse.DecryptOnly, Vector.Text("tpk"));
        var zpkAtSwitch = switchModule.Load(KeyUsage.PinEncryption, KeyAlgorithm.Tdes, KeyModeOfUse.EncryptOnly, Vector.Text("zpk"));
        var clearBlock = new byte[8];
        IsoFormat0PinBlock.Build(Vector.Text("pin"), Vector.Text("pan"), clearBlock);
        var underTpk = new byte[8];
        new DesCipher(Vector.Hex("tpk")).EncryptBlock(clearBlock, underTpk);

        var underZpk = new byte[8];
        Assert.Equal(PinBlockError.None, switchModule.TranslatePinBlock(tpk, zpkAtSwitch, underTpk, Vector.Text("pan"), underZpk));
        Assert.Equal(Vector.Text("zpk_block"), Convert.ToHexString(underZpk));

        // Centre: issued the card's PVV once, verifies every PIN block against it.
        var centre = TestModules.Development();
        var zpkAtCentre = centre.Load(KeyUsage.PinEncryption, KeyAlgorithm.Tdes, KeyModeOfUse.DecryptOnly, Vector.Text("zpk"));
        var pvk = centre.Load(KeySpecification.PinVerificationKey, Pvk);
        var pvv = centre.IssuePinVerificationValue(pvk, 1, Vector.Text("pan"), Vector.Text("pin"));
        Assert.Equal("3764", pvv);

        Assert.Equal(PinVerificationResult.Verified, centre.VerifyPin(zpkAtCentre, underZpk, Vector.Text("pan"), pvk, 1, pvv));
        Assert.Equal(PinVerificationResult.Mismatch, centre.VerifyPin(zpkAtCentre, underZpk, Vector.Text("pan"), pvk, 1, "0000"));
        Assert.Equal(PinVerificationResult.Mismatch, centre.VerifyPin(zpkAtCentre, underZpk, Vector.Text("pan"), pvk, 2, pvv));
    }

    [Fact]
    public void Garbled_pin_blocks_are_not_translated_and_do_not_verify()
    {
        var module = TestModules.Production();
        var tpk = module.Load(KeyUsage.PinEncryption, KeyAlgorithm.Tdes, KeyModeOfUse.DecryptOnly, Vector.Text("tpk"));
        var zpk = module.Load(KeyUsage.PinEncryption, KeyAlgorithm.Tdes, KeyModeOfUse.Both, Vector.Text("zpk"));
        var pvk = module.Load(KeySpecification.PinVerificationKey, Pvk);
        var garbled = Vector.Hex("tpk_block");
        garbled[0] ^= 0x40;

        var output = new byte[8];
        Assert.NotEqual(PinBlockError.None, module.TranslatePinBlock(tpk, zpk, garbled, Vector.Text("pan"), output));
        Assert.Equal(new byte[8], output);
        Assert.Equal(PinVerificationResult.InvalidPinBlock, module.VerifyPin(zpk, garbled, Vector.Text("pan"), pvk, 1, "3764"));
        Assert.Equal(PinBlockError.WrongBlockLength, module.TranslatePinBlock(tpk, zpk, new byte[7], Vector.Text("pan"), output));
    }

    [Fact]
    public void Invalid_pvv_inputs_are_refused()
    {
        var module = TestModules.Production();
        var pvk = module.Load(KeySpecification.PinVerificationKey, Pvk);
        TestModules.Refusal(() => module.IssuePinVerificationValue(pvk, 1, Vector.Text("pan"), "12"), SecurityFailure.InvalidInput);
        TestModules.Refusal(() => module.IssuePinVerificationValue(pvk, 10, Vector.Text("pan"), "1234"), SecurityFailure.InvalidInput);
        TestModules.Refusal(() => module.IssuePinVerificationValue(pvk, 1, "62123400", "1234"), SecurityFailure.InvalidInput);
    }
}
