using System.Text;
using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.Pins;
using CsCheck;

namespace ActorSwitch.Security.Tests.Algorithms;

public sealed class PinBlockTests
{
    [Fact]
    public void Format_0_blocks_match_the_pin_block_iso0_vectors_both_ways()
    {
        foreach (var vector in TestVectors.Family("pin_block_iso0"))
        {
            var block = new byte[8];
            Assert.Equal(PinBlockError.None, IsoFormat0PinBlock.Build(vector.Text("pin"), vector.Text("pan"), block));
            Assert.Equal(vector.Text("block"), Convert.ToHexString(block));

            var pin = new byte[12];
            Assert.Equal(PinBlockError.None, IsoFormat0PinBlock.Parse(block, vector.Text("pan"), pin, out var length));
            Assert.Equal(vector.Text("pin"), Encoding.ASCII.GetString(pin, 0, length));
        }
    }

    [Theory]
    [InlineData("16888888FFFFFFFE", PinBlockError.WrongFormat)]
    [InlineData("03888FFFFFFFFFFE", PinBlockError.PinLengthOutOfRange)]
    [InlineData("0D888888FFFFFFFE", PinBlockError.PinLengthOutOfRange)]
    [InlineData("068888A8FFFFFFFE", PinBlockError.PinNotNumeric)]
    [InlineData("06888888FFFF0FFE", PinBlockError.BadFill)]
    public void Invalid_clear_blocks_are_refused_with_their_reason(string clearBlock, PinBlockError expected)
    {
        // The blocks are the pin_translate_computed clear block with one field broken.
        Assert.Equal(expected, IsoFormat0PinBlock.Validate(Convert.FromHexString(clearBlock), "6212340000000000012"));
    }

    [Fact]
    public void Invalid_inputs_are_refused()
    {
        var block = new byte[8];
        Assert.Equal(PinBlockError.PinLengthOutOfRange, IsoFormat0PinBlock.Build("123", "6212340000000000012", block));
        Assert.Equal(PinBlockError.PinNotNumeric, IsoFormat0PinBlock.Build("12a4", "6212340000000000012", block));
        Assert.Equal(PinBlockError.InvalidPan, IsoFormat0PinBlock.Build("1234", "62123400000000000x2", block));
        Assert.Equal(PinBlockError.WrongBlockLength, IsoFormat0PinBlock.Validate(new byte[7], "6212340000000000012"));
    }

    [Fact]
    public void Translation_matches_pin_translate_computed()
    {
        var vector = TestVectors.Computed.GetProperty("pin_translate_computed");
        var clear = new byte[8];
        IsoFormat0PinBlock.Build(vector.Text("pin"), vector.Text("pan"), clear);
        Assert.Equal(vector.Text("clear_block"), Convert.ToHexString(clear));

        var tpk = new DesCipher(vector.Hex("tpk"));
        var zpk = new DesCipher(vector.Hex("zpk"));
        var underTpk = new byte[8];
        tpk.EncryptBlock(clear, underTpk);
        Assert.Equal(vector.Text("tpk_block"), Convert.ToHexString(underTpk));

        var underZpk = new byte[8];
        Assert.Equal(PinBlockError.None, PinBlockTranslator.Translate(tpk, zpk, underTpk, vector.Text("pan"), underZpk));
        Assert.Equal(vector.Text("zpk_block"), Convert.ToHexString(underZpk));
    }

    [Fact]
    public void Translation_under_the_wrong_source_key_is_a_format_error_not_a_forwarded_block()
    {
        var vector = TestVectors.Computed.GetProperty("pin_translate_computed");
        var wrongKey = new DesCipher(vector.Hex("zpk"));
        var output = new byte[8];
        var error = PinBlockTranslator.Translate(wrongKey, wrongKey, vector.Hex("tpk_block"), vector.Text("pan"), output);
        Assert.NotEqual(PinBlockError.None, error);
        Assert.Equal(new byte[8], output);
    }

    [Fact]
    public void Any_valid_pin_and_pan_round_trip()
    {
        var digits = Gen.Char['0', '9'];
        Gen.Select(digits.Array[4, 12], digits.Array[13, 19]).Sample((pin, pan) =>
        {
            var block = new byte[8];
            Assert.Equal(PinBlockError.None, IsoFormat0PinBlock.Build(pin, pan, block));
            var recovered = new byte[12];
            Assert.Equal(PinBlockError.None, IsoFormat0PinBlock.Parse(block, pan, recovered, out var length));
            Assert.Equal(new string(pin), Encoding.ASCII.GetString(recovered, 0, length));
        });
    }

    [Fact]
    public void Visa_pvv_matches_an_independently_computed_value()
    {
        // PVK 0123..3210, PVKI 1, the pin_translate_computed card: TSP 0000000000118888, PVV 3764.
        var pvk = new DesCipher(Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210"));
        var pvv = new byte[4];
        VisaPvv.Compute(pvk, "6212340000000000012", 1, "888888"u8, pvv);
        Assert.Equal("3764", Encoding.ASCII.GetString(pvv));
        Assert.True(VisaPvv.Verify(pvk, "6212340000000000012", 1, "888888"u8, "3764"u8));
        Assert.False(VisaPvv.Verify(pvk, "6212340000000000012", 1, "988888"u8, "3764"u8));
    }
}
