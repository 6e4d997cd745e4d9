using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Security.Purse;
using static ActorSwitch.Node.Tests.Pos.PosTestKit;

namespace ActorSwitch.Node.Tests.Pos;

/// <summary>Offline e-purse purchase records (0320, 60.1 = 36): TAC verification, once-only counting, batch totals.</summary>
public sealed class PurseUploadTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private static readonly byte[] IssuerTacMasterKey = Convert.FromHexString("DAC2715F15C1406DF32EE69ED4F8462E");

    private Testing.NodeProcess Node => fixture.Node;

    private static PurseCard NewPurseCard(byte[]? masterKey = null)
    {
        var serial = new byte[8];
        Random.Shared.NextBytes(serial);
        return new PurseCard(serial, masterKey ?? IssuerTacMasterKey, balance: 100_000, offlineSequence: 7);
    }

    private static Psam NewPsam() => new(Convert.FromHexString("3604866000" + Random.Shared.Next(10, 99)));

    [Fact]
    public async Task A_record_whose_tac_verifies_is_accepted_and_counts_as_a_debit_of_the_batch()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var record = NewPurseCard().Purchase(1_250, NewPsam(), DateTime.Now);
        var upload = await terminal.UploadPurseRecordAsync(record);
        Assert.Equal("00", upload.ResponseCode);
        Assert.True(upload.MacVerified);
        Assert.Equal("00", (await terminal.PurchaseAsync(Card(NewCardSerial()), 750)).ResponseCode);

        var settlement = await terminal.SettleAsync();
        Assert.Equal(new CardTotals(2_000, 2, 0, 0), settlement.Totals.Domestic);
        Assert.Equal(SettlementTotals.Balanced, settlement.DomesticResult);
    }

    [Fact]
    public async Task A_bad_tac_is_A7()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var forged = NewPurseCard(masterKey: new byte[16]).Purchase(500, NewPsam(), DateTime.Now);
        Assert.Equal("A7", (await terminal.UploadPurseRecordAsync(forged)).ResponseCode);
    }

    [Fact]
    public async Task The_same_record_from_another_terminal_is_94_and_counted_once()
    {
        await using var first = await NewTerminalAsync(Node);
        await using var second = await NewTerminalAsync(Node);
        var record = NewPurseCard().Purchase(300, NewPsam(), DateTime.Now);
        Assert.Equal("00", (await first.UploadPurseRecordAsync(record)).ResponseCode);
        Assert.Equal("94", (await second.UploadPurseRecordAsync(record)).ResponseCode);

        // Neither the second terminal's journal nor the switch counted the refused record: balanced at zero.
        var settlement = await second.SettleAsync();
        Assert.Equal(default, settlement.Totals.Domestic);
        Assert.Equal(SettlementTotals.Balanced, settlement.DomesticResult);
    }

    [Fact]
    public async Task A_forged_record_cannot_block_the_real_one()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var card = NewPurseCard();
        var real = card.Purchase(400, NewPsam(), DateTime.Now);
        // Same card serial and offline sequence, amount changed: the TAC no longer matches.
        var forged = real with { Amount = 40_000 };
        Assert.Equal("A7", (await terminal.UploadPurseRecordAsync(forged)).ResponseCode);
        Assert.Equal("00", (await terminal.UploadPurseRecordAsync(real)).ResponseCode);
    }
}
