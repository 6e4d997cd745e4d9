using ActorSwitch.PosSim.Terminal;
using ActorSwitch.PosSim.Tests.Support;
using ActorSwitch.Security.Purse;

namespace ActorSwitch.PosSim.Tests.Terminal;

public sealed class PurseRecordTests
{
    private static readonly System.Text.Json.JsonElement Vector = TestVectors.Computed.GetProperty("tac_computed");

    [Fact]
    public void A_purse_purchase_carries_the_published_tac_and_writes_the_80_character_record()
    {
        var card = new PurseCard(Vector.Hex("card_serial"), Vector.Hex("tac_master_key"), balance: 1000, offlineSequence: 7);
        var psam = new Psam(Vector.Hex("psam_terminal"), lastSequence: 4);

        var record = card.Purchase(1, psam, new DateTime(2017, 2, 14, 15, 40, 0));
        var text = PurseRecordText.Format(record);

        Assert.Equal(Vector.Text("tac"), Convert.ToHexString(record.Tac));
        Assert.Equal("2016122100001003" + "0007" + "000003E8" + "00000001" + "06" + "360486600002" + "00000005"
            + "20170214" + "154000" + "FFDBBA6B", text);
        Assert.Equal(999u, card.Balance);
        Assert.Equal(8, card.OfflineSequence);
        Assert.Equal(5u, psam.LastSequence);
    }

    [Fact]
    public void The_record_parses_back_and_its_tac_verifies_with_the_card_key_the_platform_derives()
    {
        var card = new PurseCard(Vector.Hex("card_serial"), Vector.Hex("tac_master_key"), balance: 50);
        var text = PurseRecordText.Format(card.Purchase(20, new Psam(Vector.Hex("psam_terminal")), new DateTime(2026, 11, 26, 9, 5, 7)));

        Assert.True(OfflinePurseRecord.TryParse(text, out var parsed));
        Span<byte> tacInput = stackalloc byte[OfflinePurseRecord.TacInputLength];
        parsed.WriteTacInput(tacInput);
        Assert.True(TransactionAuthenticationCode.Verify(Vector.Hex("dtk"), tacInput, parsed.Tac));
        Assert.Equal(50u, parsed.BalanceBefore);
        Assert.Equal(20u, parsed.Amount);
    }

    [Fact]
    public void A_purse_cannot_pay_more_than_it_holds() =>
        Assert.Throws<InvalidOperationException>(() =>
            new PurseCard(Vector.Hex("card_serial"), Vector.Hex("tac_master_key"), balance: 5).Purchase(6, new Psam(new byte[6]), DateTime.Now));
}
