using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.KeyBlocks;
using CsCheck;

namespace ActorSwitch.Security.Tests.Algorithms;

public sealed class Tr31KeyBlockTests
{
    [Fact]
    public void Published_tr31_vectors_unwrap()
    {
        foreach (var vector in TestVectors.Family("tr31"))
        {
            Assert.True(Tr31KeyBlock.TryUnwrap(vector.Hex("kbpk"), vector.Text("block"), out var unwrapped, out var error), $"{vector.Text("source")}: {error}");
            Assert.Equal(vector.Text("key"), Convert.ToHexString(unwrapped.Key));
            Assert.Equal(KeyUsage.PinEncryption, unwrapped.Header.Usage);
        }
    }

    [Fact]
    public void Computed_tmk_block_is_reproduced_with_fixed_padding()
    {
        var vector = TestVectors.Computed.GetProperty("tr31_tmk_computed");
        var header = new KeyBlockHeader(KeyBlockVersion.D, KeyUsage.KeyEncryption, KeyAlgorithm.Tdes, KeyModeOfUse.Both);

        var block = Tr31KeyBlock.Wrap(vector.Hex("kbpk"), header, vector.Hex("key"), FixedRandomSource.Tr31VectorPadding());

        Assert.Equal(vector.Text("block"), block);
        Assert.StartsWith(vector.Text("header")[..1] + "0112" + vector.Text("header")[5..], block);
        Assert.Equal(vector.Text("kcv"), KeyCheckValue.DesHex(vector.Hex("key")));
    }

    [Fact]
    public void Tampering_with_any_character_is_a_typed_refusal()
    {
        var vector = TestVectors.Computed.GetProperty("tr31_tmk_computed");
        var kbpk = vector.Hex("kbpk");
        var block = vector.Text("block");
        for (var position = 0; position < block.Length; position++)
        {
            var replacement = block[position] == '0' ? '1' : '0';
            var tampered = block[..position] + replacement + block[(position + 1)..];
            Assert.False(Tr31KeyBlock.TryUnwrap(kbpk, tampered, out _, out var error), $"position {position}");
            Assert.NotEqual(KeyBlockError.None, error);
        }
    }

    [Theory]
    [InlineData("", KeyBlockError.MalformedBlock)]
    [InlineData("D0112K0TB00N000", KeyBlockError.MalformedBlock)]
    [InlineData("E0112K0TB00N0000", KeyBlockError.UnsupportedVersion)]
    [InlineData("D0113K0TB00N0000", KeyBlockError.LengthMismatch)]
    [InlineData("D01x2K0TB00N0000", KeyBlockError.MalformedHeader)]
    [InlineData("D0112K0TB00N9900", KeyBlockError.MalformedOptionalBlock)]
    public void Malformed_headers_are_typed_refusals(string header, KeyBlockError expected)
    {
        var vector = TestVectors.Computed.GetProperty("tr31_tmk_computed");
        var block = header.Length >= 16 ? header + vector.Text("block")[16..] : header;
        Assert.False(Tr31KeyBlock.TryUnwrap(vector.Hex("kbpk"), block, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Wrong_kbpk_is_a_mac_mismatch_and_wrong_kbpk_length_is_refused()
    {
        var vector = TestVectors.Computed.GetProperty("tr31_tmk_computed");
        var wrong = vector.Hex("kbpk");
        wrong[0] ^= 0x01;
        Assert.False(Tr31KeyBlock.TryUnwrap(wrong, vector.Text("block"), out _, out var error));
        Assert.Equal(KeyBlockError.MacMismatch, error);
        Assert.False(Tr31KeyBlock.TryUnwrap(new byte[8], vector.Text("block"), out _, out error));
        Assert.Equal(KeyBlockError.WrongKbpkLength, error);
    }

    [Fact]
    public void Non_hex_key_data_is_refused()
    {
        var vector = TestVectors.Computed.GetProperty("tr31_tmk_computed");
        var block = vector.Text("block")[..20] + "ZZ" + vector.Text("block")[22..];
        Assert.False(Tr31KeyBlock.TryUnwrap(vector.Hex("kbpk"), block, out _, out var error));
        Assert.Equal(KeyBlockError.MalformedKeyData, error);
    }

    [Fact]
    public void Optional_blocks_parse_including_KS_and_extended_length()
    {
        var value = new string('x', 300);
        var header = new KeyBlockHeader(KeyBlockVersion.B, KeyUsage.BaseDerivationKey, KeyAlgorithm.Tdes, KeyModeOfUse.DeriveKeys,
            "00", KeyExportability.Exportable, [new OptionalBlock("KS", "FFFF00A0200001E00000"), new OptionalBlock("TS", value)]);
        var kbpk = Convert.FromHexString("DD7515F2BFC17F85CE48F3CA25CB21F6");

        var block = Tr31KeyBlock.Wrap(kbpk, header, new byte[16], SystemRandomSource.Instance);

        Assert.Contains("KS18FFFF00A0200001E00000", block);
        Assert.Contains("TS00040136", block);
        Assert.True(Tr31KeyBlock.TryUnwrap(kbpk, block, out var unwrapped, out _));
        Assert.Equal(["KS", "TS", "PB"], unwrapped.Header.OptionalBlocks.Select(b => b.Id));
        Assert.Equal(value, unwrapped.Header.OptionalBlocks[1].Value);
    }

    [Fact]
    public void Wrap_then_unwrap_round_trips_for_every_version_with_generated_keys_and_optional_blocks()
    {
        var version = Gen.OneOf(KeyBlockVersion.A, KeyBlockVersion.B, KeyBlockVersion.C, KeyBlockVersion.D);
        var optionalBlock = Gen.Select(Gen.OneOf("KS", "KC", "KP", "TS", "IK", "10"), Gen.Char[' ', '~'].Array[0, 40])
            .Select((id, chars) => new OptionalBlock(id, new string(chars)));
        var usage = Gen.OneOf(KeyUsage.PinEncryption, KeyUsage.KeyEncryption, KeyUsage.MacIso9797Algorithm3, KeyUsage.DataEncryption);
        var mode = Gen.OneOf(KeyModeOfUse.Both, KeyModeOfUse.EncryptOnly, KeyModeOfUse.DecryptOnly, KeyModeOfUse.GenerateAndVerify);

        Gen.Select(version, Gen.OneOf(8, 16, 24, 32), usage, mode, optionalBlock.List[0, 3])
            .SelectMany(t => Gen.Select(Gen.Byte.Array[KbpkLength(t.Item1)], Gen.Byte.Array[t.Item2])
                .Select(keys => (kbpk: keys.Item1, key: keys.Item2,
                    header: new KeyBlockHeader(t.Item1, t.Item3, KeyAlgorithm.Tdes, t.Item4, "01", KeyExportability.Exportable, t.Item5))))
            .Sample(c =>
            {
                var block = Tr31KeyBlock.Wrap(c.kbpk, c.header, c.key, SystemRandomSource.Instance);

                Assert.True(Tr31KeyBlock.TryUnwrap(c.kbpk, block, out var unwrapped, out var error), error.ToString());
                Assert.Equal(c.key, unwrapped.Key);
                Assert.Equal(c.header.Usage, unwrapped.Header.Usage);
                Assert.Equal(c.header.ModeOfUse, unwrapped.Header.ModeOfUse);
                Assert.Equal(c.header.OptionalBlocks, unwrapped.Header.OptionalBlocks.Where(b => b.Id != "PB"));
                Assert.Equal(0, unwrapped.Header.TextLength % unwrapped.Header.CipherBlockSize);
            }, iter: 300);
    }

    [Fact]
    public void Arbitrary_input_never_throws()
    {
        var vector = TestVectors.Computed.GetProperty("tr31_tmk_computed");
        var kbpk = vector.Hex("kbpk");
        var valid = vector.Text("block");
        var mutation = Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Char[' ', '~'], Gen.Int[0, valid.Length]);
        var headerLike = Gen.Select(Gen.OneOf('A', 'B', 'C', 'D'), Gen.Int[0, 9999], Gen.Char[' ', '~'].Array[0, 200])
            .Select((version, length, rest) => $"{version}{length:D4}{new string(rest)}");

        mutation.Sample((position, replacement, cut) =>
        {
            var block = (valid[..position] + replacement + valid[(position + 1)..])[..cut];
            Assert.False(Tr31KeyBlock.TryUnwrap(kbpk, block, out _, out _) && block != valid);
        });
        headerLike.Sample(block => Assert.False(Tr31KeyBlock.TryUnwrap(kbpk, block, out _, out _)));
        Assert.False(Tr31KeyBlock.TryUnwrap(kbpk, null!, out _, out var error));
        Assert.Equal(KeyBlockError.MalformedBlock, error);
    }

    private static int KbpkLength(KeyBlockVersion version) => version == KeyBlockVersion.D ? 32 : 16;
}
