using ActorSwitch.Testing;
using ActorSwitch.Central.Tests.Support;

namespace ActorSwitch.Central.Tests;

[Collection(SharedCentralCollection.Name)]
public sealed class VoidAndRefundTests(SharedCentral shared)
{
    private CentralProcess Central => shared.Central;

    [Fact]
    public async Task A_void_credits_the_card_once_and_its_reversal_debits_it_again()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var pan = TestCards.Pan(serial);
        var purchaseRrn = Rrns.Next();
        await client.ExchangeAsync(Requests.Purchase(pan, 9_900, purchaseRrn));

        Assert.Equal("13", (await client.ExchangeAsync(Requests.PurchaseVoid(pan, 9_000, Rrns.Next(), purchaseRrn))).ResponseCode);
        Assert.Equal("25", (await client.ExchangeAsync(Requests.PurchaseVoid(pan, 9_900, Rrns.Next(), Rrns.Next()))).ResponseCode);
        var voidRequest = Requests.PurchaseVoid(pan, 9_900, Rrns.Next(), purchaseRrn);
        Assert.Equal("00", (await client.ExchangeAsync(voidRequest)).ResponseCode);
        Assert.Equal(TestCards.OpeningFen, await Central.AvailableFenAsync(serial));
        Assert.Equal("12", (await client.ExchangeAsync(Requests.PurchaseVoid(pan, 9_900, Rrns.Next(), purchaseRrn))).ResponseCode);
        Assert.True((await Central.TransactionAsync(purchaseRrn)).GetProperty("voided").GetBoolean());

        Assert.Equal("00", (await client.ExchangeAsync(Requests.Reversal(voidRequest))).ResponseCode);
        Assert.Equal(TestCards.OpeningFen - 9_900, await Central.AvailableFenAsync(serial));
        Assert.False((await Central.TransactionAsync(purchaseRrn)).GetProperty("voided").GetBoolean());
    }

    [Fact]
    public async Task A_void_on_another_card_is_12()
    {
        await using var client = await Central.ConnectAsync();
        var purchaseRrn = Rrns.Next();
        await client.ExchangeAsync(Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), 100, purchaseRrn));
        var answer = await client.ExchangeAsync(Requests.PurchaseVoid(TestCards.Pan(TestCards.NextSerial()), 100, Rrns.Next(), purchaseRrn));
        Assert.Equal("12", answer.ResponseCode);
    }

    [Fact]
    public async Task Refunds_credit_the_card_up_to_the_original_amount()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var pan = TestCards.Pan(serial);
        var purchaseRrn = Rrns.Next();
        await client.ExchangeAsync(Requests.Purchase(pan, 10_000, purchaseRrn));

        Assert.Equal("00", (await client.ExchangeAsync(Requests.Refund(pan, 6_000, Rrns.Next(), purchaseRrn))).ResponseCode);
        Assert.Equal("13", (await client.ExchangeAsync(Requests.Refund(pan, 4_001, Rrns.Next(), purchaseRrn))).ResponseCode);
        var last = await client.ExchangeAsync(Requests.Refund(pan, 4_000, Rrns.Next(), purchaseRrn));
        Assert.Equal("00", last.ResponseCode);
        Assert.Equal(230, last.Message.Mti);
        Assert.Equal(TestCards.OpeningFen, await Central.AvailableFenAsync(serial));
        Assert.Equal(10_000, (await Central.TransactionAsync(purchaseRrn)).GetProperty("refundedFen").GetInt64());

        Assert.Equal("25", (await client.ExchangeAsync(Requests.Refund(pan, 100, Rrns.Next(), Rrns.Next()))).ResponseCode);
        Assert.Equal("00", (await client.ExchangeAsync(Requests.Refund(pan, 100, Rrns.Next(), originalRrn: null))).ResponseCode);
        Assert.Equal(TestCards.OpeningFen + 100, await Central.AvailableFenAsync(serial));
    }
}
