using System.Net.Http.Json;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Security.SignOn;
using static ActorSwitch.Node.Tests.Pos.PosTestKit;

namespace ActorSwitch.Node.Tests.Pos;

/// <summary>
/// Every transaction type end to end: a simulated terminal over real TCP, the node from its build
/// output with its SQLite journal, and the centre simulator as its own process.
/// </summary>
public sealed class TransactionTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private Testing.NodeProcess Node => fixture.Node;

    private static void AssertApproved(TransactionResult result)
    {
        Assert.Equal(ExchangeOutcome.Answered, result.Outcome);
        Assert.Equal("00", result.ResponseCode);
        Assert.True(result.MacVerified, "an approved answer carries a MAC that verifies under the MAK");
        Assert.True(result.AnswerTpduSwapped);
    }

    [Theory]
    [InlineData(SignOnKeyLayout.DoubleLength)]
    [InlineData(SignOnKeyLayout.DoubleLengthWithTrackKey)]
    public async Task Sign_on_issues_working_keys_that_check_and_the_batch_to_use(SignOnKeyLayout layout)
    {
        await using var terminal = await NewTerminalAsync(Node, signOn: false, layout: layout);
        var signOn = await terminal.SignOnAsync();
        Assert.Equal("00", signOn.ResponseCode);
        Assert.Equal(SignOnKeyStatus.Installed, signOn.KeyStatus);
        Assert.Equal(1, signOn.AssignedBatch);
        Assert.Equal(12, signOn.RetrievalReference!.Length);
        var echo = await terminal.EchoAsync();
        Assert.Equal("00", echo.ResponseCode);
        Assert.Equal(MacStatus.Absent, echo.AnswerMac); // 0830 carries no MAC (section 6)
    }

    [Fact]
    public async Task Single_des_sign_on_is_refused_for_a_model_not_configured_for_it()
    {
        await using var terminal = await NewTerminalAsync(Node, signOn: false, layout: SignOnKeyLayout.SingleLength);
        var signOn = await terminal.SignOnAsync();
        Assert.Equal("40", signOn.ResponseCode);
        Assert.False(terminal.IsSignedOn);
    }

    [Fact]
    public async Task Purchase_is_approved_with_reference_authorisation_and_settlement_date()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var purchase = await terminal.PurchaseAsync(Card(NewCardSerial()), 1234);
        AssertApproved(purchase);
        Assert.Matches("^[0-9A-Z]{12}$", purchase.RetrievalReference);
        Assert.Equal(6, purchase.AuthorizationCode!.Length);
        Assert.Matches("^[0-9]{4}$", purchase.SettlementDate);
        Assert.Equal("000000001234", Digits(purchase.Answer!, 4));
    }

    [Fact]
    public async Task Balance_inquiry_answers_the_available_balance()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var balance = await terminal.BalanceInquiryAsync(Card(NewCardSerial()));
        AssertApproved(balance);
        Assert.NotNull(balance.Balance);
        Assert.True(balance.Balance!.Value.Amount > 0);
        Assert.Equal("156", balance.Balance.Value.Currency);
    }

    [Fact]
    public async Task A_purchase_can_be_voided_once_within_its_batch()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var card = Card(NewCardSerial());
        var purchase = await terminal.PurchaseAsync(card, 5000);
        AssertApproved(purchase);
        AssertApproved(await terminal.VoidPurchaseAsync(purchase, card));
        Assert.Equal("12", (await terminal.VoidPurchaseAsync(purchase, card)).ResponseCode);
    }

    [Fact]
    public async Task Refunds_are_accepted_up_to_the_original_amount()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var card = Card(NewCardSerial());
        var purchase = await terminal.PurchaseAsync(card, 1000);
        AssertApproved(purchase);
        AssertApproved(await terminal.RefundAsync(purchase, 600, card));
        Assert.Equal("64", (await terminal.RefundAsync(purchase, 500, card)).ResponseCode);
        AssertApproved(await terminal.RefundAsync(purchase, 400, card));
    }

    [Fact]
    public async Task Pre_authorisation_completion_and_their_cancel_and_void()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var card = Card(NewCardSerial());
        var preAuth = await terminal.PreAuthorizeAsync(card, 10_000);
        AssertApproved(preAuth);
        var completion = await terminal.CompletePreAuthorizationAsync(preAuth, 9_000, card);
        AssertApproved(completion);
        AssertApproved(await terminal.VoidCompletionAsync(completion, card));

        var second = await terminal.PreAuthorizeAsync(card, 2_000);
        AssertApproved(second);
        AssertApproved(await terminal.CancelPreAuthorizationAsync(second, card));
    }

    [Fact]
    public async Task Offline_settlement_advice_is_accepted()
    {
        await using var terminal = await NewTerminalAsync(Node);
        AssertApproved(await terminal.OfflineSettlementAsync(Card(NewCardSerial()), 700, "123456"));
    }

    [Fact]
    public async Task Reversal_of_a_purchase_is_approved_and_a_repeated_reversal_gets_the_same_answer()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var purchase = await terminal.PurchaseAsync(Card(NewCardSerial()), 800);
        AssertApproved(purchase);
        var reversal = await terminal.ReverseAsync(purchase, ReversalReason.NoAnswer);
        AssertApproved(reversal);
        AssertApproved(await terminal.RepeatAsync(reversal));
        // Voiding what was reversed is refused: the original no longer stands.
        Assert.Equal("12", (await terminal.VoidPurchaseAsync(purchase)).ResponseCode);
    }

    [Fact]
    public async Task Reversal_of_a_transaction_the_switch_never_forwarded_completes_with_25()
    {
        await using var terminal = await NewTerminalAsync(Node);
        // Declined at the switch (above the per-transaction limit): never journaled, never at the centre.
        var declined = await terminal.PurchaseAsync(Card(NewCardSerial()), 90_000_000);
        Assert.Equal("61", declined.ResponseCode);
        var reversal = await terminal.ReverseAsync(declined, ReversalReason.Other);
        Assert.Equal("25", reversal.ResponseCode);
        Assert.True(reversal.MacVerified);
    }

    [Fact]
    public async Task A_repeat_gets_the_stored_answer_and_a_changed_repeat_gets_94()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var card = Card(NewCardSerial());
        var purchase = await terminal.PurchaseAsync(card, 4321);
        AssertApproved(purchase);
        var repeat = await terminal.RepeatAsync(purchase);
        AssertApproved(repeat);
        Assert.Equal(purchase.RetrievalReference, repeat.RetrievalReference);
        Assert.Equal(purchase.AuthorizationCode, repeat.AuthorizationCode);

        // Same batch and trace, other amount: a different request under a used identity.
        var changed = purchase.Request;
        changed.SetNumber(4, 9999);
        var answer = await terminal.RepeatAsync(purchase with { Request = changed });
        Assert.Equal("94", answer.ResponseCode);
    }

    [Fact]
    public async Task A_repeat_arriving_while_the_original_is_being_journaled_is_the_same_transaction()
    {
        // A terminal that lost its connection repeats on a new one while the switch is still taking the
        // first: in a cluster both can reach the entity back to back (buffered during a shard hand-over).
        // The repeat must join the original, never become a second charge.
        var merchantId = await RegisterMerchantAsync(Node);
        var terminalId = NewTerminalId();
        var created = await Node.Http.PostAsJsonAsync("/api/terminals", new { terminalId, merchantId, model = "PAX S90" });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var masterKey = await FetchMasterKeyAsync(Node, merchantId, terminalId);
        await using var first = new PosTerminal(Options(Node, merchantId, terminalId), masterKey);
        Assert.Equal("00", (await first.SignOnAsync()).ResponseCode);
        var card = Card(NewCardSerial());
        for (var round = 0; round < 5; round++)
        {
            await using var second = new PosTerminal(first.Options with { LastTrace = first.LastTrace }, masterKey);
            second.UseWorkingKeys(first.Keys!);
            second.UseBatch(first.Batch);
            var amount = 1000 + round;
            var both = await Task.WhenAll(first.PurchaseAsync(card, amount), second.PurchaseAsync(card, amount));
            AssertApproved(both[0]);
            AssertApproved(both[1]);
            Assert.Equal(both[0].Trace, both[1].Trace);
            Assert.Equal(both[0].RetrievalReference, both[1].RetrievalReference);
        }
    }

    [Fact]
    public async Task Wrong_pin_is_55()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var result = await terminal.PurchaseAsync(Card(NewCardSerial(), pin: "000000"), 100);
        Assert.Equal("55", result.ResponseCode);
        Assert.True(result.MacVerified);
    }

    [Fact]
    public async Task Insufficient_funds_is_51()
    {
        // MCC 5999 has the default per-transaction limit, 50,000.00; the test cards hold 1,000,000.00 CNY.
        await using var terminal = await NewTerminalAsync(Node, mcc: "5999");
        var card = Card(NewCardSerial());
        for (var i = 0; i < 20; i++) AssertApproved(await terminal.PurchaseAsync(card, 5_000_000));
        Assert.Equal("51", (await terminal.PurchaseAsync(card, 100)).ResponseCode);
    }

    [Fact]
    public async Task A_wrong_mac_is_A0_without_a_mac_and_the_keys_stay_valid()
    {
        await using var terminal = await NewTerminalAsync(Node);
        var keys = terminal.Keys!;
        terminal.UseWorkingKeys(WorkingKeys.FromClear(new byte[16], new byte[16], keys.Layout));
        var refused = await terminal.PurchaseAsync(Card(NewCardSerial()), 100);
        Assert.Equal("A0", refused.ResponseCode);
        Assert.Equal(MacStatus.Absent, refused.AnswerMac);

        terminal.UseWorkingKeys(keys);
        AssertApproved(await terminal.PurchaseAsync(Card(NewCardSerial()), 100));
    }

    [Fact]
    public async Task Financial_requests_before_sign_on_are_A0()
    {
        await using var terminal = await NewTerminalAsync(Node, signOn: false);
        terminal.UseWorkingKeys(WorkingKeys.FromClear(new byte[16], new byte[16]));
        var result = await terminal.PurchaseAsync(Card(NewCardSerial()), 100);
        Assert.Equal("A0", result.ResponseCode);
        Assert.Equal(3, result.ProcessingRequirement); // sign on again
    }

    [Fact]
    public async Task A_batch_other_than_the_one_in_force_is_12()
    {
        await using var terminal = await NewTerminalAsync(Node);
        terminal.UseBatch(terminal.Batch + 5);
        Assert.Equal("12", (await terminal.PurchaseAsync(Card(NewCardSerial()), 100)).ResponseCode);
    }

    [Fact]
    public async Task An_unregistered_terminal_is_97()
    {
        var merchantId = await RegisterMerchantAsync(Node);
        await using var stranger = new PosTerminal(Options(Node, merchantId, NewTerminalId()),
            TerminalMasterKey.FromClear(new byte[16]));
        Assert.True(await stranger.ConnectAsync());
        var signOn = await stranger.SignOnAsync();
        Assert.Equal("97", signOn.ResponseCode);
    }

    private static string Digits(ActorSwitch.Iso8583.IsoMessage m, int field)
    {
        Span<char> digits = stackalloc char[32];
        return m.TryGetDigits(field, digits, out var n) ? new string(digits[..n]) : "";
    }
}
