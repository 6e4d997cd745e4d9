using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Module;

namespace ActorSwitch.Security.Tests.Module;

public sealed class KeyHandleTests
{
    private const string ClearMak = "0123456789ABCDEFFEDCBA9876543210";
    private static readonly byte[] Message = "a message to authenticate"u8.ToArray();

    [Fact]
    public void A_handle_survives_a_restart_with_the_same_lmk()
    {
        var before = TestModules.Production();
        var handle = before.GenerateKey(KeySpecification.RetailMacKey);
        var mac = new byte[8];
        before.GenerateMac(handle, MacAlgorithm.AnsiX919, Message, mac);
        var persisted = handle.KeyBlock;

        var after = TestModules.Production();
        var restored = KeyHandle.FromKeyBlock(persisted);

        Assert.True(after.VerifyMac(restored, MacAlgorithm.AnsiX919, Message, mac));
        Assert.Equal(before.CheckValue(handle), after.CheckValue(restored));
        Assert.Equal(handle, restored);
    }

    [Fact]
    public void Keys_at_rest_are_tr31_version_d_blocks_binding_usage_and_mode()
    {
        var handle = TestModules.Production().GenerateKey(KeySpecification.ZonePinKey);
        Assert.StartsWith("D", handle.KeyBlock);
        Assert.Equal("P0TB00E", handle.KeyBlock.Substring(5, 7));
        Assert.Equal(KeyUsage.PinEncryption, handle.Usage);
        Assert.Equal(KeyModeOfUse.Both, handle.ModeOfUse);
    }

    [Fact]
    public void A_handle_from_another_lmk_is_refused()
    {
        var handle = TestModules.Development().GenerateKey(KeySpecification.RetailMacKey);
        TestModules.Refusal(() => TestModules.Production().CheckValue(KeyHandle.FromKeyBlock(handle.KeyBlock)), SecurityFailure.KeyBlockInvalid);
        // The same handle object, whose memo holds the key unwrapped by the other module, is refused too.
        TestModules.Refusal(() => TestModules.Production().CheckValue(handle), SecurityFailure.KeyBlockInvalid);
    }

    [Fact]
    public void A_tampered_handle_is_refused_including_a_rewritten_usage()
    {
        var module = TestModules.Production();
        var macKey = module.GenerateKey(KeySpecification.RetailMacKey);
        // Re-labelling an M3 key as a PIN key in the clear header breaks the block's MAC.
        var relabelled = macKey.KeyBlock[..5] + "P0" + macKey.KeyBlock[7..];
        TestModules.Refusal(() => TestModules.Production().CheckValue(KeyHandle.FromKeyBlock(relabelled)), SecurityFailure.KeyBlockInvalid);

        var flipped = macKey.KeyBlock[..40] + (macKey.KeyBlock[40] == 'A' ? 'B' : 'A') + macKey.KeyBlock[41..];
        TestModules.Refusal(() => TestModules.Production().CheckValue(KeyHandle.FromKeyBlock(flipped)), SecurityFailure.KeyBlockInvalid);
        TestModules.Refusal(() => KeyHandle.FromKeyBlock("not a key block"), SecurityFailure.KeyBlockInvalid);
    }

    [Fact]
    public void Nothing_prints_key_material()
    {
        var module = TestModules.Production();
        var load = module.LoadKeyFromComponents(new KeySpecification(KeyUsage.MacIso9797Algorithm3, KeyAlgorithm.Tdes,
            KeyModeOfUse.GenerateAndVerify, 16), TestModules.Split(ClearMak));

        var printed = string.Join("|", load.Key.ToString(), module.ToString(), load.ToString());

        Assert.DoesNotContain(ClearMak[..8], printed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(load.Key.KeyBlock[16..40], printed);
        Assert.Equal("KeyHandle(M3, T, mode C, N)", load.Key.ToString());
    }

    [Fact]
    public void Component_load_reports_the_key_and_component_check_values()
    {
        var components = TestModules.Split(ClearMak);
        var load = TestModules.Production().LoadKeyFromComponents(KeySpecification.RetailMacKey, components);
        Assert.Equal(KeyCheckValue.DesHex(Convert.FromHexString(ClearMak)), load.CheckValue);
        Assert.Equal(components.Select(c => KeyCheckValue.DesHex(Convert.FromHexString(c))), load.ComponentCheckValues);
        TestModules.Refusal(() => TestModules.Production().LoadKeyFromComponents(KeySpecification.RetailMacKey, [ClearMak]),
            SecurityFailure.TooFewComponents);
    }

    [Fact]
    public void Handles_keep_working_when_the_cache_evicts()
    {
        var module = new SoftwareSecurityModule(new SecurityModuleOptions { LmkComponents = TestModules.LmkComponents, KeyCacheCapacity = 2 });
        var handles = Enumerable.Range(0, 10).Select(_ => module.GenerateKey(KeySpecification.RetailMacKey)).ToList();
        var mac = new byte[8];
        foreach (var handle in handles)
        {
            var fresh = KeyHandle.FromKeyBlock(handle.KeyBlock);
            module.GenerateMac(fresh, MacAlgorithm.AnsiX919, Message, mac);
            Assert.True(module.VerifyMac(handle, MacAlgorithm.AnsiX919, Message, mac));
        }
    }

    [Fact]
    public void Generated_keys_are_distinct_with_odd_parity()
    {
        var module = TestModules.Production();
        var first = module.GenerateKey(KeySpecification.ZonePinKey);
        var second = module.GenerateKey(KeySpecification.ZonePinKey);
        Assert.NotEqual(module.CheckValue(first), module.CheckValue(second));

        var kek = module.Load(KeyUsage.KeyEncryption, KeyAlgorithm.Aes, KeyModeOfUse.Both, new string('7', 64));
        Assert.True(Tr31KeyBlock.TryUnwrap(Convert.FromHexString(new string('7', 64)), module.ExportKey(first, kek), out var clear, out _));
        Assert.All(clear.Key, b => Assert.Equal(1, System.Numerics.BitOperations.PopCount(b) % 2));
    }
}
