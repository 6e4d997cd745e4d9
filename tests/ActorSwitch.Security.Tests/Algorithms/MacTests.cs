using System.Text;
using ActorSwitch.Security.Macs;

namespace ActorSwitch.Security.Tests.Algorithms;

public sealed class MacTests
{
    [Fact]
    public void UnionPay_ecb_mac_matches_the_cup_ecb_mac_vector()
    {
        foreach (var vector in TestVectors.Family("cup_ecb_mac"))
        {
            var mac = new byte[UnionPayEcbMac.Length];
            new UnionPayEcbMac(vector.Hex("mak")).Compute(vector.Hex("mab"), mac);
            Assert.Equal(vector.Text("mac_ascii"), Encoding.ASCII.GetString(mac));
        }
    }

    [Fact]
    public void UnionPay_ecb_mac_verifies_frame_D_on_the_bytes_received()
    {
        var frameD = TestVectors.Frames.GetProperty("purchase_request_D");
        var frame = frameD.Hex("hex");
        // LEN(2) TPDU(5) HEADER(6), then the MAC block from the MTI up to F64's 8 bytes.
        var macBlock = frame.AsSpan(13, frame.Length - 13 - 8);
        var received = frame.AsSpan(frame.Length - 8);
        var mac = new UnionPayEcbMac(frameD.Hex("mak"));

        Assert.True(mac.Verify(macBlock, received));
        Assert.Equal(frameD.GetProperty("fields").Text("64_ascii"), Encoding.ASCII.GetString(received));

        var tampered = macBlock.ToArray();
        tampered[20] ^= 0x01;
        Assert.False(mac.Verify(tampered, received));
    }

    [Fact]
    public void Double_length_mak_uses_tdes_and_equals_single_length_when_both_halves_match()
    {
        var single = Convert.FromHexString("0723C80DB5F4CD3D");
        var data = Convert.FromHexString(TestVectors.Family("cup_ecb_mac").First().Text("mab"));
        var singleMac = new byte[8];
        var doubledMac = new byte[8];
        var doubleMac = new byte[8];
        new UnionPayEcbMac(single).Compute(data, singleMac);
        new UnionPayEcbMac([.. single, .. single]).Compute(data, doubledMac);
        new UnionPayEcbMac([.. single, .. Convert.FromHexString("1122334455667788")]).Compute(data, doubleMac);

        Assert.Equal(singleMac, doubledMac);
        Assert.NotEqual(singleMac, doubleMac);
    }

    [Fact]
    public void Ansi_x9_9_matches_its_vectors()
    {
        foreach (var vector in TestVectors.Family("x9_9_mac"))
        {
            var mac = new byte[AnsiX99Mac.Length];
            new AnsiX99Mac(vector.Hex("key")).Compute(vector.Data(), mac);
            Assert.Equal(vector.Text("mac"), Convert.ToHexString(mac));
        }
    }

    [Fact]
    public void Ansi_x9_19_matches_its_vectors()
    {
        foreach (var vector in TestVectors.Family("x9_19_mac"))
        {
            var authenticator = new AnsiX919Mac(vector.Hex("key"));
            var mac = new byte[AnsiX919Mac.Length];
            authenticator.Compute(vector.Data(), mac);
            Assert.Equal(vector.Text("mac"), Convert.ToHexString(mac));
            Assert.True(authenticator.Verify(vector.Data(), mac));
        }
    }
}
