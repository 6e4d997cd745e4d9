using ActorSwitch.PosSim.Terminal;
using ActorSwitch.PosSim.Tests.Support;

namespace ActorSwitch.PosSim.Tests.Terminal;

public sealed class MasterKeyTests
{
    private static readonly System.Text.Json.JsonElement Vector = TestVectors.Computed.GetProperty("tr31_tmk_computed");

    [Fact]
    public void The_operator_api_block_unwraps_under_the_development_kbpk_and_its_check_value_matches()
    {
        var key = TerminalMasterKey.FromKeyBlock(Vector.Text("block"), Vector.Hex("kbpk"), Vector.Text("kcv"));

        Assert.Equal("08D7B4", key.CheckValue);
        Assert.Equal("08D7B4", TerminalMasterKey.FromClear(Vector.Hex("key")).CheckValue);
    }

    [Fact]
    public void A_four_byte_check_value_in_lower_case_is_checked_too() =>
        TerminalMasterKey.FromKeyBlock(Vector.Text("block"), Vector.Hex("kbpk"), "08d7b4fb");

    [Fact]
    public void A_wrong_check_value_is_refused()
    {
        var e = Assert.Throws<KeyLoadingException>(() => TerminalMasterKey.FromKeyBlock(Vector.Text("block"), Vector.Hex("kbpk"), "08D7B5"));
        Assert.Contains("check value", e.Message);
    }

    [Fact]
    public void A_wrong_kbpk_or_a_tampered_block_is_refused()
    {
        var wrongKbpk = Vector.Hex("kbpk");
        wrongKbpk[0] ^= 1;
        Assert.Throws<KeyLoadingException>(() => TerminalMasterKey.FromKeyBlock(Vector.Text("block"), wrongKbpk));

        var block = Vector.Text("block").ToCharArray();
        block[40] = block[40] == '0' ? '1' : '0';
        Assert.Throws<KeyLoadingException>(() => TerminalMasterKey.FromKeyBlock(new string(block), Vector.Hex("kbpk")));
    }

    [Fact]
    public void A_block_holding_a_pin_key_is_not_accepted_as_a_master_key()
    {
        var pinKeyBlock = TestVectors.Crypto.GetProperty("tr31")[2]; // D0112P0AE00E0000..., same KBPK
        var e = Assert.Throws<KeyLoadingException>(() => TerminalMasterKey.FromKeyBlock(pinKeyBlock.Text("block"), pinKeyBlock.Hex("kbpk")));
        Assert.Contains("P0", e.Message);
    }
}
