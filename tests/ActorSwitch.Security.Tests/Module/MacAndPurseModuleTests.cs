using System.Text;
using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Module;
using ActorSwitch.Security.Purse;

namespace ActorSwitch.Security.Tests.Module;

public sealed class MacAndPurseModuleTests
{
    private readonly SoftwareSecurityModule module = TestModules.Production();

    [Fact]
    public void Frame_D_mac_verifies_through_the_module()
    {
        var frameD = TestVectors.Frames.GetProperty("purchase_request_D");
        var frame = frameD.Hex("hex");
        var mak = module.Load(KeyUsage.MacIso9797Algorithm1, KeyAlgorithm.Des, KeyModeOfUse.GenerateAndVerify, frameD.Text("mak"));

        Assert.True(module.VerifyMac(mak, MacAlgorithm.UnionPayEcb, frame.AsSpan(13, frame.Length - 21), frame.AsSpan(frame.Length - 8)));
        Assert.False(module.VerifyMac(mak, MacAlgorithm.UnionPayEcb, frame.AsSpan(14, frame.Length - 22), frame.AsSpan(frame.Length - 8)));
    }

    [Fact]
    public void Retail_macs_match_their_vectors_through_the_module()
    {
        foreach (var vector in TestVectors.Family("x9_19_mac"))
        {
            var key = module.Load(KeyUsage.MacIso9797Algorithm3, KeyAlgorithm.Tdes, KeyModeOfUse.GenerateAndVerify, vector.Text("key"));
            var mac = new byte[8];
            Assert.Equal(8, module.GenerateMac(key, MacAlgorithm.AnsiX919, vector.Data(), mac));
            Assert.Equal(vector.Text("mac"), Convert.ToHexString(mac));
        }

        foreach (var vector in TestVectors.Family("x9_9_mac"))
        {
            var key = module.Load(KeyUsage.MacIso9797Algorithm1, KeyAlgorithm.Des, KeyModeOfUse.GenerateAndVerify, vector.Text("key"));
            Assert.True(module.VerifyMac(key, MacAlgorithm.AnsiX99, vector.Data(), Convert.FromHexString(vector.Text("mac"))));
        }
    }

    [Fact]
    public void Tac_of_tac_computed_verifies_under_the_master_key()
    {
        var vector = TestVectors.Computed.GetProperty("tac_computed");
        var master = module.Load(KeySpecification.PurseMasterKey, vector.Text("tac_master_key"));
        var serial = vector.Hex("card_serial");
        var tacInput = Convert.FromHexString(vector.Text("amount") + vector.Text("type") + vector.Text("psam_terminal")
                                             + vector.Text("psam_seq") + vector.Text("date") + vector.Text("time"));
        Assert.Equal(OfflinePurseRecord.TacInputLength, tacInput.Length);

        Assert.True(module.VerifyTac(master, serial, tacInput, vector.Hex("tac")));
        var generated = new byte[4];
        module.GenerateTac(master, serial, tacInput, generated);
        Assert.Equal(vector.Text("tac"), Convert.ToHexString(generated));

        tacInput[0] ^= 1;
        Assert.False(module.VerifyTac(master, serial, tacInput, vector.Hex("tac")));
        TestModules.Refusal(() => module.VerifyTac(master, new byte[4], tacInput, generated), SecurityFailure.InvalidInput);
    }

    [Fact]
    public void Derived_card_key_is_the_published_sub_key()
    {
        var diversify = TestVectors.Crypto.GetProperty("pboc_purse").GetProperty("diversify");
        var master = module.Load(KeySpecification.PurseMasterKey, diversify.Text("mk"));
        var cardKey = module.DeriveCardKey(master, diversify.Hex("factor"));
        Assert.Equal(Ciphers.KeyCheckValue.DesHex(diversify.Hex("subkey")), module.CheckValue(cardKey));
        Assert.Equal(KeyUsage.EmvOther, cardKey.Usage);
    }

    [Fact]
    public void Stored_pans_round_trip_and_tokens_are_deterministic_per_key()
    {
        const string pan = "6212340000000000012";
        var dataKey = module.GenerateKey(KeySpecification.PanDataKey);
        var otherKey = module.GenerateKey(KeySpecification.PanDataKey);

        var stored = module.EncryptPan(dataKey, pan);
        Assert.NotEqual(stored, module.EncryptPan(dataKey, pan));
        Assert.DoesNotContain(pan, stored);
        Assert.Equal(pan, module.DecryptStoredPan(dataKey, stored));

        Assert.Equal(module.TokenizePan(dataKey, pan), module.TokenizePan(dataKey, pan));
        Assert.NotEqual(module.TokenizePan(dataKey, pan), module.TokenizePan(otherKey, pan));
        Assert.NotEqual(module.TokenizePan(dataKey, pan), module.TokenizePan(dataKey, "6212340000000000020"));
        Assert.Equal(32, module.TokenizePan(dataKey, pan).Length);

        TestModules.Refusal(() => module.DecryptStoredPan(otherKey, stored), SecurityFailure.InvalidInput);
        var bytes = Convert.FromBase64String(stored);
        bytes[15] ^= 1;
        TestModules.Refusal(() => module.DecryptStoredPan(dataKey, Convert.ToBase64String(bytes)), SecurityFailure.InvalidInput);
        TestModules.Refusal(() => module.DecryptStoredPan(dataKey, "not base64!"), SecurityFailure.InvalidInput);
        TestModules.Refusal(() => module.EncryptPan(dataKey, "62123A"), SecurityFailure.InvalidInput);
    }

    [Fact]
    public void Concurrent_callers_share_handles_safely()
    {
        var vector = TestVectors.Computed.GetProperty("pin_translate_computed");
        var tpk = module.Load(KeyUsage.PinEncryption, KeyAlgorithm.Tdes, KeyModeOfUse.DecryptOnly, vector.Text("tpk"));
        var zpk = module.Load(KeyUsage.PinEncryption, KeyAlgorithm.Tdes, KeyModeOfUse.EncryptOnly, vector.Text("zpk"));
        var cup = TestVectors.Family("cup_ecb_mac").First();
        var mak = KeyHandle.FromKeyBlock(module.Load(KeyUsage.MacIso9797Algorithm1, KeyAlgorithm.Des, KeyModeOfUse.GenerateAndVerify, cup.Text("mak")).KeyBlock);
        var mab = cup.Hex("mab");
        var expectedMac = Encoding.ASCII.GetBytes(cup.Text("mac_ascii"));

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            Span<byte> translated = stackalloc byte[8];
            Assert.Equal(Pins.PinBlockError.None, module.TranslatePinBlock(tpk, zpk, vector.Hex("tpk_block"), vector.Text("pan"), translated));
            Assert.Equal(vector.Text("zpk_block"), Convert.ToHexString(translated));
            Assert.True(module.VerifyMac(mak, MacAlgorithm.UnionPayEcb, mab, expectedMac));
        });
    }
}
