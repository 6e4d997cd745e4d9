using System.Text;
using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.PosSim.Tests.Support;

namespace ActorSwitch.PosSim.Tests.Terminal;

public sealed class MacTests
{
    [Fact]
    public void The_terminal_mac_reproduces_frame_d_and_verifies_it_on_the_received_bytes()
    {
        var vector = TestVectors.Frames.GetProperty("purchase_request_D");
        var frame = Messages.Parse(TestVectors.FrameBody("purchase_request_D"));
        var mac = new TerminalMac(vector.Hex("mak"));

        Span<byte> computed = stackalloc byte[8];
        mac.ComputeMac(frame.ReceivedMacBlock, computed);

        Assert.Equal("B3A092AE", Encoding.ASCII.GetString(computed));
        Assert.Equal(MacStatus.Valid, mac.Verify(frame));
    }

    [Fact]
    public void The_published_mac_block_gives_the_published_mac()
    {
        var vector = TestVectors.Crypto.GetProperty("cup_ecb_mac")[0];
        Span<byte> computed = stackalloc byte[8];
        new TerminalMac(vector.Hex("mak")).ComputeMac(vector.Hex("mab"), computed);
        Assert.Equal(vector.Text("mac_ascii"), Encoding.ASCII.GetString(computed));
    }

    [Fact]
    public void The_computed_response_frame_verifies_with_its_mak_and_swaps_the_tpdu()
    {
        var vector = TestVectors.Computed.GetProperty("response_frame_computed");
        var answer = Messages.Parse(vector.Hex("hex")[2..]);
        var requestTpdu = Tpdu.Read(vector.Hex("request_tpdu"));

        Assert.Equal(MacStatus.Valid, new TerminalMac(vector.Hex("mak")).Verify(answer));
        Assert.Equal(requestTpdu.ToResponse(), answer.Tpdu);
        Assert.Equal(new Tpdu(0x60, 0x0000, 0x0003), answer.Tpdu);
        Assert.Equal(210, answer.Mti);
    }

    [Fact]
    public void A_changed_byte_or_another_mak_fails_and_a_frame_without_f64_is_absent()
    {
        var vector = TestVectors.Computed.GetProperty("response_frame_computed");
        var bytes = vector.Hex("hex")[2..];
        bytes[40] ^= 0x01; // the first character of F37: the frame still parses, its MAC block changed
        Assert.Equal(MacStatus.Invalid, new TerminalMac(vector.Hex("mak")).Verify(Messages.Parse(bytes)));

        var original = Messages.Parse(vector.Hex("hex")[2..]);
        Assert.Equal(MacStatus.Invalid, new TerminalMac(Convert.FromHexString("0123456789ABCDEF")).Verify(original));

        var signOn = Messages.Parse(TestVectors.FrameBody("signon_response_B"));
        Assert.Equal(MacStatus.Absent, new TerminalMac(vector.Hex("mak")).Verify(signOn));
    }
}
