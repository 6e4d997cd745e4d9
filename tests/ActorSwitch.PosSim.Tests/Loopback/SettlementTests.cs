using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.PosSim.Tests.Support;

namespace ActorSwitch.PosSim.Tests.Loopback;

public sealed class SettlementTests
{
    [Fact]
    public async Task A_balanced_settlement_sends_the_totals_and_moves_to_the_next_batch()
    {
        await using var session = new LoopbackSession((self, request) => request.Mti == 500
            ? SwitchReply.Send(self.Side.FinancialAnswer(request, more: answer => Result(answer, request, '1', '1')))
            : null);
        await session.SignOnAsync();
        await session.Terminal.PurchaseAsync(TestCards.Swiped(1), 1000);
        await session.Terminal.PurchaseAsync(TestCards.Swiped(2), 234);

        var result = await session.Terminal.SettleAsync();

        var request = session.LastReceived;
        Assert.Equal(500, request.Mti);
        Assert.Equal([11, 41, 42, 48, 49, 60, 63, 64], Messages.Fields(request));
        Assert.Equal("000000001234" + "002" + "000000000000" + "000" + "0" + new string('0', 31), request.GetAscii(48));
        Assert.Equal("00000042201", request.GetAscii(60));
        Assert.True(result.IsApproved);
        Assert.Equal((1, 1), (result.DomesticResult, result.ForeignResult));
        Assert.False(result.NeedsUpload);
        Assert.Equal(2, result.Records.Count);
        Assert.Equal(43, session.Terminal.Batch);
        Assert.Empty(session.Terminal.Journal.Records);
    }

    [Fact]
    public async Task A_settlement_not_balanced_is_followed_by_the_detail_upload_and_its_end()
    {
        await using var session = new LoopbackSession((self, request) => request.Mti == 500
            ? SwitchReply.Send(self.Side.FinancialAnswer(request, more: answer => Result(answer, request, '2', '1')))
            : null);
        await session.SignOnAsync();
        for (var serial = 1; serial <= 9; serial++)
            await session.Terminal.PurchaseAsync(TestCards.Swiped(serial), 100 * serial);
        var vector = TestVectors.Computed.GetProperty("tac_computed");
        var purse = new PurseCard(vector.Hex("card_serial"), vector.Hex("tac_master_key"), 1000);
        await session.Terminal.UploadPurseRecordAsync(purse.Purchase(50, new Psam(vector.Hex("psam_terminal")), DateTime.Now));

        var settlement = await session.Terminal.SettleAsync();
        Assert.True(settlement.NeedsUpload);
        var upload = await session.Terminal.UploadBatchAsync(settlement);

        Assert.True(upload.Completed);
        Assert.Equal([TransactionKind.BatchUpload, TransactionKind.BatchUpload, TransactionKind.BatchUploadEnd],
            upload.Messages.Select(message => message.Kind));
        var sent = session.Switch.Received.TakeLast(3).Select(frame => Messages.Parse(frame)).ToArray();
        Assert.All(sent, message => Assert.Equal(320, message.Mti));
        Assert.Equal([11, 41, 42, 48, 60, 64], Messages.Fields(sent[0]));
        Assert.Equal("00000042201", sent[0].GetAscii(60));
        Assert.True(BatchUploadField.TryParse(sent[0].GetAscii(48)!, out var firstItems));
        Assert.Equal(8, firstItems.Length);
        Assert.Equal(new BatchUploadItem(0, 2, "6212340000000000012", 100), firstItems[0]);
        Assert.True(BatchUploadField.TryParse(sent[1].GetAscii(48)!, out var secondItems));
        Assert.Single(secondItems); // the purse record went up with its TAC and is not repeated
        Assert.Equal("00000042202", sent[2].GetAscii(60));
        Assert.Equal("0009", sent[2].GetAscii(48));
        Assert.Equal(43, session.Terminal.Batch);
    }

    [Fact]
    public async Task A_settlement_the_switch_refuses_keeps_the_batch_open()
    {
        await using var session = new LoopbackSession((self, request) => request.Mti == 500
            ? SwitchReply.Send(self.Side.FinancialAnswer(request, responseCode: "90"))
            : null);
        await session.SignOnAsync();
        await session.Terminal.PurchaseAsync(TestCards.Swiped(1), 1000);

        var result = await session.Terminal.SettleAsync();

        Assert.Equal("90", result.ResponseCode);
        Assert.Empty(result.Records);
        Assert.Equal(42, session.Terminal.Batch);
        Assert.Single(session.Terminal.Journal.Records);
    }

    /// <summary>The 0510's F48: the request's totals with the two result digits filled in.</summary>
    private static void Result(IsoMessage answer, IsoMessage request, char domestic, char foreign)
    {
        var totals = request.GetAscii(48)!.ToCharArray();
        totals[30] = domestic;
        totals[61] = foreign;
        answer.SetDigits(48, totals);
    }
}
