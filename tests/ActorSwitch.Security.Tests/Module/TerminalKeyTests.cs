using System.Text;
using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Macs;
using ActorSwitch.Security.Module;
using ActorSwitch.Security.Pins;
using ActorSwitch.Security.SignOn;

namespace ActorSwitch.Security.Tests.Module;

public sealed class TerminalKeyTests
{
    private const string ClearTmk = "0123456789ABCDEFFEDCBA9876543210";

    [Fact]
    public void Terminal_master_key_export_reproduces_tr31_tmk_computed()
    {
        var vector = TestVectors.Computed.GetProperty("tr31_tmk_computed");
        // Every D block of a 16- or 32-byte key takes 14 padding bytes, so each wrap starts again at A1.
        var module = TestModules.Development(FixedRandomSource.Tr31VectorPadding());
        var kldKbpk = module.LoadDemoKeyLoadingDeviceKbpk();
        var tmk = module.Load(KeySpecification.TerminalMasterKey, vector.Text("key"));

        var export = module.ExportTerminalMasterKey(tmk, kldKbpk);

        Assert.Equal(vector.Text("block"), export.KeyBlock);
        Assert.Equal(vector.Text("kcv"), export.CheckValue);
        Assert.Same(tmk, export.TerminalMasterKey);
    }

    [Fact]
    public void Generated_terminal_master_key_unwraps_in_the_key_loading_device()
    {
        var module = TestModules.Development();
        var export = module.GenerateTerminalMasterKey(module.LoadDemoKeyLoadingDeviceKbpk());

        Assert.StartsWith("D0112K0TB00N0000", export.KeyBlock);
        Assert.True(Tr31KeyBlock.TryUnwrap(Convert.FromHexString(DemoKeys.KeyLoadingDeviceKbpk), export.KeyBlock, out var device, out _));
        Assert.Equal(export.CheckValue, KeyCheckValue.DesHex(device.Key));
        Assert.Equal(export.CheckValue, module.CheckValue(export.TerminalMasterKey));
        Assert.Equal(6, export.CheckValue.Length);
    }

    [Theory]
    [InlineData(SignOnKeyLayout.SingleLength, false)]
    [InlineData(SignOnKeyLayout.DoubleLength, false)]
    [InlineData(SignOnKeyLayout.DoubleLength, true)]
    [InlineData(SignOnKeyLayout.DoubleLengthWithTrackKey, false)]
    public void Sign_on_keys_reach_the_terminal_and_match_the_module_handles(SignOnKeyLayout layout, bool doubleLengthMak)
    {
        var module = TestModules.Production();
        var tmk = module.Load(KeySpecification.TerminalMasterKey, ClearTmk);

        var issued = module.IssueWorkingKeys(tmk, layout, doubleLengthMak);

        // The terminal's side, with its clear TMK.
        Assert.True(SignOnKeyField.TryRead(new DesCipher(Convert.FromHexString(ClearTmk)), layout, issued.Field62, out var pik, out var mak, out var tdk));
        Assert.Equal(layout == SignOnKeyLayout.SingleLength ? 8 : 16, pik.Length);
        Assert.Equal(doubleLengthMak ? 16 : 8, mak.Length);
        Assert.Equal(layout == SignOnKeyLayout.DoubleLengthWithTrackKey, issued.TrackDataKey is not null);
        Assert.Equal(KeyCheckValue.DesHex(pik), module.CheckValue(issued.PinKey));
        if (issued.TrackDataKey is { } trackKey)
            Assert.Equal(KeyCheckValue.DesHex(tdk), module.CheckValue(trackKey));

        // A MAC the terminal computes verifies in the module, and the module's answer MAC verifies at the terminal.
        var frameD = TestVectors.Family("cup_ecb_mac").First().Hex("mab");
        var terminalMac = new byte[8];
        new UnionPayEcbMac(mak).Compute(frameD, terminalMac);
        Assert.True(module.VerifyMac(issued.MacKey, MacAlgorithm.UnionPayEcb, frameD, terminalMac));
        var answerMac = new byte[8];
        module.GenerateMac(issued.MacKey, MacAlgorithm.UnionPayEcb, frameD, answerMac);
        Assert.Equal(terminalMac, answerMac);

        // A PIN block the terminal encrypts under its PIK translates to a zone PIN key.
        var zpk = module.Load(KeySpecification.ZonePinKey, "89ABCDEF01234567FEDCBA9876543210");
        var clearBlock = new byte[8];
        IsoFormat0PinBlock.Build("888888", "6212340000000000012", clearBlock);
        var underPik = new byte[8];
        new DesCipher(pik).EncryptBlock(clearBlock, underPik);
        var underZpk = new byte[8];
        Assert.Equal(PinBlockError.None, module.TranslatePinBlock(issued.PinKey, zpk, underPik, "6212340000000000012", underZpk));
        Assert.Equal("06888888FFFFFFFE", DecryptHex("89ABCDEF01234567FEDCBA9876543210", underZpk));
    }

    [Fact]
    public void Keys_move_between_modules_as_tr31_blocks_under_a_shared_kek()
    {
        var switchModule = TestModules.Production();
        var centre = TestModules.Development();
        const string sharedZmk = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
        var zpk = switchModule.GenerateKey(KeySpecification.ZonePinKey);

        foreach (var (kekAtSwitch, kekAtCentre) in new[]
                 {
                     (switchModule.Load(KeySpecification.ZoneMasterKey, sharedZmk), centre.Load(KeySpecification.ZoneMasterKey, sharedZmk)),
                     (switchModule.Load(KeySpecification.TerminalMasterKey, ClearTmk), centre.Load(KeySpecification.TerminalMasterKey, ClearTmk)),
                 })
        {
            var block = switchModule.ExportKey(zpk, kekAtSwitch);
            var imported = centre.ImportKey(kekAtCentre, block);
            Assert.Equal(switchModule.CheckValue(zpk), centre.CheckValue(imported));
            Assert.Equal(KeyUsage.PinEncryption, imported.Usage);
        }

        var tdesKek = switchModule.Load(KeySpecification.TerminalMasterKey, ClearTmk);
        Assert.StartsWith("C", switchModule.ExportKey(zpk, tdesKek, KeyBlockVersion.C));
        TestModules.Refusal(() => switchModule.ExportKey(zpk, tdesKek, KeyBlockVersion.D), SecurityFailure.AlgorithmNotPermitted);
    }

    [Fact]
    public void Published_tr31_blocks_import_under_their_kbpk()
    {
        var module = TestModules.Production();
        foreach (var vector in TestVectors.Family("tr31"))
        {
            var kbpkHex = vector.Text("kbpk");
            var algorithm = vector.Text("block")[0] == 'D' ? KeyAlgorithm.Aes : KeyAlgorithm.Tdes;
            var kbpk = module.Load(KeyUsage.KeyBlockProtection, algorithm, KeyModeOfUse.Both, kbpkHex);

            var imported = module.ImportKey(kbpk, vector.Text("block"));

            // The A.7.4 block labels its key AES (algorithm A): its check value is the AES one.
            var expected = imported.Algorithm == KeyAlgorithm.Aes ? KeyCheckValue.AesHex(vector.Hex("key")) : KeyCheckValue.DesHex(vector.Hex("key"));
            Assert.Equal(expected, module.CheckValue(imported));
            Assert.StartsWith("D", imported.KeyBlock);
            var tampered = vector.Text("block")[..^1] + (vector.Text("block")[^1] == '0' ? '1' : '0');
            TestModules.Refusal(() => module.ImportKey(kbpk, tampered), SecurityFailure.KeyBlockInvalid);
        }
    }

    private static string DecryptHex(string key, byte[] block)
    {
        var clear = new byte[8];
        new DesCipher(Convert.FromHexString(key)).DecryptBlock(block, clear);
        return Convert.ToHexString(clear);
    }
}
