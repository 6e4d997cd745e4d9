using ActorSwitch.PosSim.Terminal;
using ActorSwitch.PosSim.Tests.Support;
using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.PosSim.Tests.Terminal;

public sealed class PinPadTests
{
    [Fact]
    public void The_pin_block_under_the_pik_is_the_published_tpk_block()
    {
        var vector = TestVectors.Computed.GetProperty("pin_translate_computed");
        Span<byte> block = stackalloc byte[8];

        PinPad.EncryptPinBlock(new DesCipher(vector.Hex("tpk")), vector.Text("pin"), vector.Text("pan"), block);

        Assert.Equal(vector.Text("tpk_block"), Convert.ToHexString(block));
    }

    [Fact]
    public void Security_control_says_tdes_for_a_double_length_pik_and_des_for_a_single_one()
    {
        Assert.Equal("2600000000000000", PinPad.SecurityControlFor(new DesCipher(new byte[16])));
        Assert.Equal("2000000000000000", PinPad.SecurityControlFor(new DesCipher(new byte[8])));
    }

    [Fact]
    public void A_pin_that_format_0_cannot_carry_is_refused() =>
        Assert.Throws<ArgumentException>(() => PinPad.EncryptPinBlock(new DesCipher(new byte[16]), "12", "6212340000000000012", new byte[8]));
}
