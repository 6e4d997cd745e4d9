using System.Text.Json;
using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.SignOn;

namespace ActorSwitch.Security.Tests.Algorithms;

public sealed class SignOnKeyFieldTests
{
    public static TheoryData<string, int> Vectors()
    {
        var data = new TheoryData<string, int>();
        for (var i = 0; i < TestVectors.Family("signon_f62").Count(); i++)
            data.Add("signon_f62", i);
        for (var i = 0; i < TestVectors.Computed.GetProperty("signon_f62_computed").GetArrayLength(); i++)
            data.Add("signon_f62_computed", i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void F62_matches_the_sign_on_vectors_and_reads_back(string family, int index)
    {
        var vector = Vector(family, index);
        var layout = (SignOnKeyLayout)int.Parse(vector.Text("netmgmt"));
        var tmk = new DesCipher(vector.Hex("tmk"));
        var tdk = vector.TryGetProperty("tdk", out _) ? vector.Hex("tdk") : [];
        var field = new byte[SignOnKeyField.LengthOf(layout)];

        SignOnKeyField.Write(tmk, layout, vector.Hex("pik"), vector.Hex("mak"), tdk, field);

        Assert.Equal(vector.Text("f62"), Convert.ToHexString(field));
        Assert.True(SignOnKeyField.TryRead(tmk, layout, field, out var pik, out var mak, out var readTdk));
        Assert.Equal(vector.Hex("pik"), pik);
        Assert.Equal(vector.Hex("mak"), mak);
        Assert.Equal(tdk, readTdk);
        if (vector.TryGetProperty("pik_kcv", out _))
        {
            Assert.Equal(vector.Text("pik_kcv"), KeyCheckValue.DesHex(pik, 4));
            Assert.Equal(vector.Text("mak_kcv"), KeyCheckValue.DesHex(mak, 4));
        }
    }

    [Fact]
    public void Double_length_mak_fills_its_slot_and_a_wrong_tmk_fails_the_check_values()
    {
        var tmk = new DesCipher(Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210"));
        var pik = Convert.FromHexString("11111111111111112222222222222222");
        var mak = Convert.FromHexString("33333333333333334444444444444444");
        var field = new byte[40];
        SignOnKeyField.Write(tmk, SignOnKeyLayout.DoubleLength, pik, mak, [], field);

        Assert.True(SignOnKeyField.TryRead(tmk, SignOnKeyLayout.DoubleLength, field, out _, out var readMak, out _));
        Assert.Equal(mak, readMak);
        var otherTmk = new DesCipher(Convert.FromHexString("89ABCDEF01234567FEDCBA9876543210"));
        Assert.False(SignOnKeyField.TryRead(otherTmk, SignOnKeyLayout.DoubleLength, field, out _, out _, out _));
    }

    private static JsonElement Vector(string family, int index) =>
        family == "signon_f62" ? TestVectors.Family(family).ElementAt(index) : TestVectors.Computed.GetProperty(family)[index];
}
