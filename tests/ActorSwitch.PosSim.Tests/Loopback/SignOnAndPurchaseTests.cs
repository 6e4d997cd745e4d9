using System.Text;
using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.PosSim.Tests.Support;
using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.Macs;
using ActorSwitch.Security.Pins;

namespace ActorSwitch.PosSim.Tests.Loopback;

public sealed class SignOnAndPurchaseTests
{
    [Fact]
    public async Task Sign_on_sends_the_management_fields_and_installs_the_keys_and_batch_of_the_answer()
    {
        await using var session = new LoopbackSession();

        var result = await session.Terminal.SignOnAsync();

        var request = session.LastReceived;
        Assert.Equal(800, request.Mti);
        Assert.Equal([11, 41, 42, 60, 63], Messages.Fields(request));
        Assert.Equal("000001", request.GetAscii(11));
        Assert.Equal("00000001003", request.GetAscii(60));
        Assert.Equal("001", request.GetAscii(63));
        Assert.Equal(new Tpdu(0x60, 0x0003, 0x0000), request.Tpdu);
        Assert.Equal((60, 31, 0), (request.Header.ApplicationType, request.Header.SoftwareVersion, request.Header.ProcessingRequirement));

        Assert.Equal(ExchangeOutcome.Answered, result.Outcome);
        Assert.Equal("00", result.ResponseCode);
        Assert.True(result.IsApproved);
        Assert.Equal(SignOnKeyStatus.Installed, result.KeyStatus);
        Assert.Equal(42, result.AssignedBatch);
        Assert.Equal(42, session.Terminal.Batch);
        Assert.True(session.Terminal.IsSignedOn);
        Assert.Equal(MacStatus.Absent, result.AnswerMac);
        Assert.True(result.AnswerTpduSwapped);
        Assert.Equal(0, result.ProcessingRequirement);
        Assert.Equal(810, result.Answer!.Mti);
    }

    [Fact]
    public async Task A_refused_sign_on_installs_nothing_and_the_processing_requirement_is_reported()
    {
        await using var session = new LoopbackSession((self, request) =>
            SwitchReply.Send(self.Side.SignOnAnswer(request, responseCode: "97", processingRequirement: 3)));

        var result = await session.Terminal.SignOnAsync();

        Assert.Equal("97", result.ResponseCode);
        Assert.Equal(SignOnKeyStatus.NotApproved, result.KeyStatus);
        Assert.False(session.Terminal.IsSignedOn);
        Assert.Equal(1, session.Terminal.Batch);
        Assert.Equal(3, result.ProcessingRequirement);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.Terminal.PurchaseAsync(TestCards.Swiped(1), 100));
    }

    [Fact]
    public async Task A_purchase_carries_exactly_the_fields_of_section_4_with_a_pin_block_and_a_mac_that_verify()
    {
        await using var session = new LoopbackSession();
        await session.SignOnAsync();

        var result = await session.Terminal.PurchaseAsync(TestCards.Swiped(1), 1234);

        var request = session.LastReceived;
        Assert.Equal(200, request.Mti);
        Assert.Equal([2, 3, 4, 11, 14, 22, 25, 26, 35, 41, 42, 49, 52, 53, 60, 64], Messages.Fields(request));
        Assert.Equal("6212340000000000012", request.GetAscii(2));
        Assert.Equal("000000", request.GetAscii(3));
        Assert.Equal("000000001234", request.GetAscii(4));
        Assert.Equal("000002", request.GetAscii(11));
        Assert.Equal("3012", request.GetAscii(14));
        Assert.Equal("021", request.GetAscii(22));
        Assert.Equal([0x02, 0x10], request.GetBytes(22).ToArray());
        Assert.Equal("00", request.GetAscii(25));
        Assert.Equal("06", request.GetAscii(26));
        Assert.Equal("6212340000000000012=30121010000000", request.GetAscii(35));
        Assert.Equal(LoopbackSession.TerminalId, request.GetAscii(41));
        Assert.Equal(LoopbackSession.MerchantId, request.GetAscii(42));
        Assert.Equal("156", request.GetAscii(49));
        Assert.Equal("2600000000000000", request.GetAscii(53));
        Assert.Equal("22000042000", request.GetAscii(60));
        Assert.True(new UnionPayEcbMac(SwitchSide.Mak).Verify(request.ReceivedMacBlock, request.ReceivedMac));
        Assert.Matches("^[0-9A-F]{8}$", Encoding.ASCII.GetString(request.ReceivedMac));

        var clearBlock = new byte[8];
        new DesCipher(SwitchSide.Pik).DecryptBlock(request.GetBytes(52), clearBlock);
        var pin = new byte[12];
        Assert.Equal(PinBlockError.None, IsoFormat0PinBlock.Parse(clearBlock, "6212340000000000012", pin, out var pinLength));
        Assert.Equal("123456", Encoding.ASCII.GetString(pin, 0, pinLength));

        Assert.Equal(request.ReceivedMacBlock.ToArray(), result.Request.ReceivedMacBlock.ToArray());
        Assert.True(result.IsApproved);
        Assert.True(result.MacVerified);
        Assert.True(result.AnswerTpduSwapped);
        Assert.Equal("332211000123", result.RetrievalReference);
        Assert.Equal("654321", result.AuthorizationCode);
        Assert.Equal("1127", result.SettlementDate);
        Assert.Equal("1126", result.TransactionDate);
        Assert.Equal((2, 42, 1234L), (result.Trace, result.Batch, result.Amount));
        Assert.Single(session.Terminal.Journal.Records);
    }

    [Fact]
    public async Task A_keyed_card_without_pin_sends_no_pin_fields_and_no_track()
    {
        await using var session = new LoopbackSession();
        await session.SignOnAsync();

        await session.Terminal.PurchaseAsync(TestCards.Keyed(2) with { Pin = null }, 500);

        var request = session.LastReceived;
        Assert.Equal([2, 3, 4, 11, 14, 22, 25, 41, 42, 49, 60, 64], Messages.Fields(request));
        Assert.Equal("012", request.GetAscii(22));
    }

    [Fact]
    public async Task A_balance_inquiry_has_no_amount_and_its_answer_balance_is_parsed()
    {
        await using var session = new LoopbackSession((self, request) => request.Mti == 200
            ? SwitchReply.Send(self.Side.FinancialAnswer(request, more: answer => answer.SetAscii(54, "1002156C000000012345")))
            : null);
        await session.SignOnAsync();

        var result = await session.Terminal.BalanceInquiryAsync(TestCards.Swiped(3));

        var request = session.LastReceived;
        Assert.Equal([2, 3, 11, 14, 22, 25, 26, 35, 41, 42, 49, 52, 53, 60, 64], Messages.Fields(request));
        Assert.Equal("310000", request.GetAscii(3));
        Assert.Equal("01000042000", request.GetAscii(60));
        Assert.Equal(new Balance("10", "02", "156", 12345), result.Balance);
        Assert.Empty(session.Terminal.Journal.Records);
    }

    [Fact]
    public async Task An_answer_whose_mac_fails_is_reported_not_thrown_and_not_counted()
    {
        await using var session = new LoopbackSession((self, request) => request.Mti == 200
            ? SwitchReply.Send(self.Side.FinancialAnswer(request, corruptMac: true))
            : null);
        await session.SignOnAsync();

        var result = await session.Terminal.PurchaseAsync(TestCards.Swiped(1), 100);

        Assert.Equal(ExchangeOutcome.Answered, result.Outcome);
        Assert.Equal("00", result.ResponseCode);
        Assert.Equal(MacStatus.Invalid, result.AnswerMac);
        Assert.False(result.IsApproved);
        Assert.Empty(session.Terminal.Journal.Records);
        Assert.Equal(ReversalReason.BadAnswerMac, ReversalReasons.For(result));
    }
}
