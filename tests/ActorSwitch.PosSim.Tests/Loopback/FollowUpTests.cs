using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.PosSim.Tests.Support;
using ActorSwitch.Security.Macs;

namespace ActorSwitch.PosSim.Tests.Loopback;

public sealed class FollowUpTests
{
    [Fact]
    public async Task A_void_names_the_purchase_by_rrn_auth_code_batch_and_trace()
    {
        await using var session = new LoopbackSession();
        await session.SignOnAsync();
        var purchase = await session.Terminal.PurchaseAsync(TestCards.Swiped(1), 1234);

        var result = await session.Terminal.VoidPurchaseAsync(purchase);

        var request = session.LastReceived;
        Assert.Equal(200, request.Mti);
        Assert.Equal([2, 3, 4, 11, 14, 22, 25, 26, 35, 37, 38, 41, 42, 49, 52, 53, 60, 61, 64], Messages.Fields(request));
        Assert.Equal("200000", request.GetAscii(3));
        Assert.Equal("000000001234", request.GetAscii(4));
        Assert.Equal("000003", request.GetAscii(11));
        Assert.Equal("332211000123", request.GetAscii(37));
        Assert.Equal("654321", request.GetAscii(38));
        Assert.Equal("23000042000", request.GetAscii(60));
        Assert.Equal("000042000002", request.GetAscii(61));
        Assert.True(result.IsApproved);
        Assert.Equal(new CardTotals(1234, 1, 1234, 1), session.Terminal.Journal.Totals().Domestic);
    }

    [Fact]
    public async Task A_refund_is_an_advice_with_the_original_rrn_and_date_and_no_pin_or_track()
    {
        await using var session = new LoopbackSession();
        await session.SignOnAsync();
        var purchase = await session.Terminal.PurchaseAsync(TestCards.Swiped(1), 1234);

        var result = await session.Terminal.RefundAsync(purchase, 500);

        var request = session.LastReceived;
        Assert.Equal(220, request.Mti);
        Assert.Equal([2, 3, 4, 11, 14, 22, 25, 37, 41, 42, 49, 60, 61, 64], Messages.Fields(request));
        Assert.Equal("200000", request.GetAscii(3));
        Assert.Equal("000000000500", request.GetAscii(4));
        Assert.Equal("022", request.GetAscii(22));
        Assert.Equal("332211000123", request.GetAscii(37));
        Assert.Equal("25000042000", request.GetAscii(60));
        Assert.Equal("0000420000021126", request.GetAscii(61));
        Assert.True(result.IsApproved);
    }

    [Fact]
    public async Task A_reversal_repeats_the_originals_key_fields_and_trace_with_the_reason_and_takes_it_out_of_the_totals()
    {
        await using var session = new LoopbackSession();
        await session.SignOnAsync();
        var purchase = await session.Terminal.PurchaseAsync(TestCards.Swiped(1), 1234);

        var result = await session.Terminal.ReverseAsync(purchase, ReversalReason.NoAnswer);

        var request = session.LastReceived;
        Assert.Equal(400, request.Mti);
        Assert.Equal([2, 3, 4, 11, 14, 22, 25, 39, 41, 42, 49, 60, 64], Messages.Fields(request));
        Assert.Equal("000002", request.GetAscii(11));
        Assert.Equal("98", request.GetAscii(39));
        Assert.Equal("22000042000", request.GetAscii(60));
        Assert.Equal("021", request.GetAscii(22));
        Assert.True(new UnionPayEcbMac(SwitchSide.Mak).Verify(request.ReceivedMacBlock, request.ReceivedMac));
        Assert.Equal(TransactionKind.Reversal, result.Kind);
        Assert.True(result.IsApproved);
        Assert.Empty(session.Terminal.Journal.Records);
        Assert.Equal(2, session.Terminal.LastTrace); // a reversal takes no trace of its own
    }

    [Fact]
    public async Task The_pre_authorisation_family_uses_its_codes_and_names_the_pre_authorisation()
    {
        await using var session = new LoopbackSession();
        await session.SignOnAsync();
        var card = TestCards.Swiped(4);

        var preAuth = await session.Terminal.PreAuthorizeAsync(card, 5000);
        AssertCodes(session.LastReceived, 100, "030000", "06", "10");

        await session.Terminal.CancelPreAuthorizationAsync(preAuth);
        var cancel = session.LastReceived;
        AssertCodes(cancel, 100, "200000", "06", "11");
        Assert.Equal("000000005000", cancel.GetAscii(4));
        Assert.Equal("654321", cancel.GetAscii(38));
        Assert.Equal("0000420000021126", cancel.GetAscii(61));

        var completion = await session.Terminal.CompletePreAuthorizationAsync(preAuth, 4500);
        AssertCodes(session.LastReceived, 200, "000000", "06", "20");
        Assert.Equal("000000004500", session.LastReceived.GetAscii(4));

        await session.Terminal.VoidCompletionAsync(completion);
        AssertCodes(session.LastReceived, 200, "200000", "06", "21");
        Assert.Equal("000042000004", session.LastReceived.GetAscii(61));

        Assert.Equal(new CardTotals(4500, 1, 4500, 1), session.Terminal.Journal.Totals().Domestic);
    }

    [Fact]
    public async Task Offline_settlement_and_purse_upload_carry_their_own_fields()
    {
        await using var session = new LoopbackSession();
        await session.SignOnAsync();

        await session.Terminal.OfflineSettlementAsync(TestCards.Swiped(5), 800, "VOICE1");
        var offline = session.LastReceived;
        AssertCodes(offline, 220, "000000", "00", "30");
        Assert.Equal([2, 3, 4, 11, 14, 22, 25, 38, 41, 42, 49, 60, 64], Messages.Fields(offline));
        Assert.Equal("VOICE1", offline.GetAscii(38));

        var vector = TestVectors.Computed.GetProperty("tac_computed");
        var purse = new PurseCard(vector.Hex("card_serial"), vector.Hex("tac_master_key"), 1000);
        var record = purse.Purchase(1, new Psam(vector.Hex("psam_terminal"), 4), new DateTime(2017, 2, 14, 15, 40, 0));
        var result = await session.Terminal.UploadPurseRecordAsync(record);

        var upload = session.LastReceived;
        AssertCodes(upload, 320, "000000", "00", "36");
        Assert.Equal([3, 4, 11, 22, 25, 41, 42, 49, 58, 60, 64], Messages.Fields(upload));
        Assert.Equal("000000000001", upload.GetAscii(4));
        Assert.Equal("072", upload.GetAscii(22));
        Assert.EndsWith("FFDBBA6B", upload.GetAscii(58));
        Assert.Equal(80, upload.GetLength(58));
        Assert.True(result.IsApproved);
        Assert.Equal(new CardTotals(801, 2, 0, 0), session.Terminal.Journal.Totals().Domestic);
    }

    [Fact]
    public async Task A_repeat_sends_the_same_trace_and_content_with_a_fresh_mac_and_counts_once()
    {
        await using var session = new LoopbackSession();
        await session.SignOnAsync();
        var purchase = await session.Terminal.PurchaseAsync(TestCards.Swiped(1), 1234);
        var first = session.LastReceived;

        var repeat = await session.Terminal.RepeatAsync(purchase);

        var second = session.LastReceived;
        Assert.Equal(Messages.Fields(first), Messages.Fields(second));
        Assert.Equal(first.ReceivedMacBlock.ToArray(), second.ReceivedMacBlock.ToArray());
        Assert.Equal(first.ReceivedMac.ToArray(), second.ReceivedMac.ToArray());
        Assert.Equal(TransactionKind.Purchase, repeat.Kind);
        Assert.Single(session.Terminal.Journal.Records);
    }

    [Fact]
    public async Task A_reversal_whose_answer_was_lost_is_repeated_and_its_answer_completes_it()
    {
        var reversalsSeen = 0;
        await using var session = new LoopbackSession((self, request) =>
            request.Mti == 400 && Interlocked.Increment(ref reversalsSeen) == 1 ? SwitchReply.Nothing : null);
        await session.SignOnAsync();
        var purchase = await session.Terminal.PurchaseAsync(TestCards.Swiped(1), 1234);

        session.Terminal.AnswerTimeout = TimeSpan.FromMilliseconds(500);
        var lost = await session.Terminal.ReverseAsync(purchase);
        session.Terminal.AnswerTimeout = TimeSpan.FromSeconds(10);
        Assert.Equal(ExchangeOutcome.TimedOut, lost.Outcome);
        Assert.Same(purchase, lost.Original);
        Assert.Single(session.Terminal.Journal.Records);

        var repeated = await session.Terminal.RepeatAsync(lost);

        Assert.True(repeated.CompletesReversal);
        Assert.Equal("06", session.LastReceived.GetAscii(39));
        Assert.Equal("000002", session.LastReceived.GetAscii(11));
        Assert.Empty(session.Terminal.Journal.Records);
    }

    private static void AssertCodes(Iso8583.IsoMessage request, int mti, string processingCode, string conditionCode, string transactionType)
    {
        Assert.Equal(mti, request.Mti);
        Assert.Equal(processingCode, request.GetAscii(3));
        Assert.Equal(conditionCode, request.GetAscii(25));
        Assert.Equal(transactionType, request.GetAscii(60)![..2]);
    }
}
