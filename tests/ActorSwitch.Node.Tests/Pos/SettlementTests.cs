using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;
using static ActorSwitch.Node.Tests.Pos.PosTestKit;

namespace ActorSwitch.Node.Tests.Pos;

/// <summary>Batch settlement at the terminal: the switch's totals against the terminal's, the batch roll, uploads.</summary>
public sealed class SettlementTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private Testing.NodeProcess Node => fixture.Node;

    [Fact]
    public async Task A_batch_whose_totals_agree_is_balanced_and_the_next_batch_comes_into_force()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var card = Card(NewCardSerial());
        var first = await terminal.PurchaseAsync(card, 1_000);
        var second = await terminal.PurchaseAsync(card, 2_000);
        Assert.Equal("00", (await terminal.VoidPurchaseAsync(second, card)).ResponseCode);
        Assert.Equal("00", (await terminal.RefundAsync(first, 300, card)).ResponseCode);
        var reversed = await terminal.PurchaseAsync(card, 5_000);
        Assert.Equal("00", (await terminal.ReverseAsync(reversed, ReversalReason.NoAnswer)).ResponseCode);
        Assert.Equal("61", (await terminal.PurchaseAsync(card, 90_000_000)).ResponseCode); // declined: counts nowhere

        var batch = terminal.Batch;
        var settlement = await terminal.SettleAsync();
        Assert.Equal("00", settlement.ResponseCode);
        Assert.True(settlement.MacVerified);
        // Debits: both purchases (a voided one stays a debit); credits: the void and the refund.
        Assert.Equal(new CardTotals(3_000, 2, 2_300, 2), settlement.Totals.Domestic);
        Assert.Equal(SettlementTotals.Balanced, settlement.DomesticResult);
        Assert.Equal(SettlementTotals.Balanced, settlement.ForeignResult);

        // A repeat of the 0500 gets the same answer; the next batch is in force for everything else.
        var repeat = await terminal.RepeatAsync(settlement);
        Assert.Equal("00", repeat.ResponseCode);
        Assert.Equal(Field48(settlement.Answer!), Field48(repeat.Answer!));
        Assert.Equal('1', Field48(repeat.Answer!)[SettlementTotals.HalfLength - 1]);
        Assert.Equal(BatchNumber.Next(batch), terminal.Batch);
        Assert.Equal("00", (await terminal.PurchaseAsync(card, 100)).ResponseCode);
        terminal.UseBatch(batch);
        Assert.Equal("12", (await terminal.PurchaseAsync(card, 100)).ResponseCode);
    }

    [Fact]
    public async Task A_batch_whose_totals_differ_is_not_balanced_and_takes_its_upload()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var card = Card(NewCardSerial());
        Assert.Equal("00", (await terminal.PurchaseAsync(card, 1_000)).ResponseCode);

        // A purchase the terminal's own journal never recorded (its answer was lost at the counter).
        await using (var sameTerminal = new PosTerminal(terminal.Options with { LastTrace = terminal.LastTrace + 100 },
                         TerminalMasterKey.FromClear(new byte[16])))
        {
            sameTerminal.UseWorkingKeys(terminal.Keys!);
            sameTerminal.UseBatch(terminal.Batch);
            Assert.Equal("00", (await sameTerminal.PurchaseAsync(card, 4_000)).ResponseCode);
        }

        var settlement = await terminal.SettleAsync();
        Assert.Equal("00", settlement.ResponseCode); // not balanced is still a successful exchange
        Assert.Equal(SettlementTotals.NotBalanced, settlement.DomesticResult);
        Assert.True(settlement.NeedsUpload);

        var upload = await terminal.UploadBatchAsync(settlement);
        Assert.True(upload.Completed);
        Assert.All(upload.Messages, m => Assert.Equal("00", m.ResponseCode));
        Assert.All(upload.Messages, m => Assert.True(m.MacVerified));
    }

    private static string Field48(IsoMessage answer)
    {
        Span<char> digits = stackalloc char[62];
        Assert.True(answer.TryGetDigits(48, digits, out var n));
        return new string(digits[..n]);
    }

    [Fact]
    public async Task Settling_a_batch_other_than_the_one_in_force_is_12()
    {
        await using var terminal = await NewTerminalAsync(Node);
        terminal.UseBatch(terminal.Batch + 3);
        Assert.Equal("12", (await terminal.SettleAsync()).ResponseCode);
    }
}
