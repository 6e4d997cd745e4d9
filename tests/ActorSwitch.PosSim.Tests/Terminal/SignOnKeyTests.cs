using System.Text.Json;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.PosSim.Tests.Support;
using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.SignOn;

namespace ActorSwitch.PosSim.Tests.Terminal;

public sealed class SignOnKeyTests
{
    public static TheoryData<string, int> Vectors() => new()
    {
        { "signon_f62", 0 },
        { "signon_f62_computed", 0 },
        { "signon_f62_computed", 1 },
        { "signon_f62_computed", 2 },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Field_62_decodes_into_the_published_working_keys(string family, int index)
    {
        var vector = Vector(family, index);
        var layout = (SignOnKeyLayout)int.Parse(vector.Text("netmgmt"));

        var status = WorkingKeys.TryDecode(TerminalMasterKey.FromClear(vector.Hex("tmk")), layout, vector.Hex("f62"),
            doubleLengthMacKey: false, out var keys);

        Assert.Equal(SignOnKeyStatus.Installed, status);
        Assert.Equal(layout, keys!.Layout);
        Assert.Equal(KeyCheckValue.DesHex(vector.Hex("pik"), 4), CheckValue(keys.PinKey));
        Assert.Equal(layout != SignOnKeyLayout.SingleLength, keys.IsDoubleLengthPinKey);
        Assert.False(keys.Mac.IsDoubleLength);
        AssertSameMac(new TerminalMac(vector.Hex("mak")), keys.Mac);
        if (vector.TryGetProperty("pik_kcv", out _))
            Assert.Equal(vector.Text("pik_kcv"), CheckValue(keys.PinKey));
    }

    [Theory]
    [InlineData(16)] // the PIK's check value
    [InlineData(36)] // the MAK's check value
    [InlineData(57)] // the track key's check value (004)
    public void A_tampered_check_value_is_refused_and_no_keys_come_out(int tamperedByte)
    {
        var vector = Vector("signon_f62_computed", 2);
        var field = vector.Hex("f62");
        field[tamperedByte] ^= 0x01;

        var status = WorkingKeys.TryDecode(TerminalMasterKey.FromClear(vector.Hex("tmk")), SignOnKeyLayout.DoubleLengthWithTrackKey,
            field, false, out var keys);

        Assert.Equal(SignOnKeyStatus.CheckValueMismatch, status);
        Assert.Null(keys);
    }

    [Fact]
    public void The_wrong_tmk_fails_the_check_values()
    {
        var vector = Vector("signon_f62", 0);
        var status = WorkingKeys.TryDecode(TerminalMasterKey.FromClear(vector.Hex("pik")), SignOnKeyLayout.DoubleLength,
            vector.Hex("f62"), false, out _);
        Assert.Equal(SignOnKeyStatus.CheckValueMismatch, status);
    }

    [Fact]
    public void A_field_of_another_layout_length_is_refused()
    {
        var vector = Vector("signon_f62_computed", 0); // 24 bytes of 001
        var status = WorkingKeys.TryDecode(TerminalMasterKey.FromClear(vector.Hex("tmk")), SignOnKeyLayout.DoubleLength,
            vector.Hex("f62"), false, out _);
        Assert.Equal(SignOnKeyStatus.Field62WrongLength, status);
    }

    [Fact]
    public void A_terminal_configured_for_a_double_length_mak_refuses_a_single_one_and_accepts_a_double_one()
    {
        var vector = Vector("signon_f62_computed", 1);
        var tmk = TerminalMasterKey.FromClear(vector.Hex("tmk"));
        Assert.Equal(SignOnKeyStatus.MacKeyLengthMismatch,
            WorkingKeys.TryDecode(tmk, SignOnKeyLayout.DoubleLength, vector.Hex("f62"), doubleLengthMacKey: true, out _));

        var doubleMak = Convert.FromHexString("33333333333333334444444444444444");
        var field = new byte[40];
        SignOnKeyField.Write(new DesCipher(vector.Hex("tmk")), SignOnKeyLayout.DoubleLength, vector.Hex("pik"), doubleMak, [], field);
        Assert.Equal(SignOnKeyStatus.Installed, WorkingKeys.TryDecode(tmk, SignOnKeyLayout.DoubleLength, field, true, out var keys));
        Assert.True(keys!.Mac.IsDoubleLength);
        AssertSameMac(new TerminalMac(doubleMak), keys.Mac);
        Assert.Equal(SignOnKeyStatus.MacKeyLengthMismatch, WorkingKeys.TryDecode(tmk, SignOnKeyLayout.DoubleLength, field, false, out _));
    }

    private static string CheckValue(DesCipher key)
    {
        Span<byte> kcv = stackalloc byte[4];
        KeyCheckValue.ComputeDes(key, kcv);
        return Convert.ToHexString(kcv);
    }

    private static void AssertSameMac(TerminalMac expected, TerminalMac actual)
    {
        var data = "0200 a MAC block of some length, not a multiple of 8"u8;
        Span<byte> a = stackalloc byte[8];
        Span<byte> b = stackalloc byte[8];
        expected.ComputeMac(data, a);
        actual.ComputeMac(data, b);
        Assert.Equal(a.ToArray(), b.ToArray());
    }

    private static JsonElement Vector(string family, int index) =>
        family == "signon_f62" ? TestVectors.Crypto.GetProperty(family)[index] : TestVectors.Computed.GetProperty(family)[index];
}
