using ActorSwitch.Testing;
using ActorSwitch.Central.Tests.Support;

namespace ActorSwitch.Central.Tests;

[Collection(SharedCentralCollection.Name)]
public sealed class ReversalTests(SharedCentral shared)
{
    private CentralProcess Central => shared.Central;

    [Fact]
    public async Task A_reversal_undoes_the_posting_and_a_second_reversal_posts_nothing()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var rrn = Rrns.Next();
        var purchase = Requests.Purchase(TestCards.Pan(serial), 30_000, rrn);
        Assert.Equal("00", (await client.ExchangeAsync(purchase)).ResponseCode);

        var first = await client.ExchangeAsync(Requests.Reversal(purchase));
        Assert.Equal("00", first.ResponseCode);
        Assert.True(first.MacValid);
        Assert.Equal(TestCards.OpeningFen, await Central.AvailableFenAsync(serial));

        var retry = await client.ExchangeAsync(Requests.Reversal(purchase, retry: true));
        Assert.Equal("00", retry.ResponseCode);
        Assert.Equal(TestCards.OpeningFen, await Central.AvailableFenAsync(serial));

        var stored = await Central.TransactionAsync(rrn);
        Assert.True(stored.GetProperty("reversed").GetBoolean());
        var postings = stored.GetProperty("postings").EnumerateArray().ToList();
        Assert.Equal(4, postings.Count); // the purchase's two legs and the reversal's two, once
        Assert.Equal(2, postings.Count(p => p.GetProperty("entry").GetString() == "reversal"));
        // A repeat of the reversed purchase still gets its stored answer and posts nothing.
        Assert.Equal("00", (await client.ExchangeAsync(Requests.Purchase(TestCards.Pan(serial), 30_000, rrn))).ResponseCode);
        Assert.Equal(TestCards.OpeningFen, await Central.AvailableFenAsync(serial));
    }

    [Fact]
    public async Task A_reversal_of_an_unknown_transaction_is_25_and_the_late_original_is_declined_12()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var rrn = Rrns.Next();
        var purchase = Requests.Purchase(TestCards.Pan(serial), 4_000, rrn);

        Assert.Equal("25", (await client.ExchangeAsync(Requests.Reversal(purchase))).ResponseCode);
        Assert.Equal("12", (await client.ExchangeAsync(purchase)).ResponseCode);
        Assert.Equal("25", (await client.ExchangeAsync(Requests.Reversal(purchase, retry: true))).ResponseCode);
        Assert.Equal(TestCards.OpeningFen, await Central.AvailableFenAsync(serial));
        var stored = await Central.TransactionAsync(rrn);
        Assert.Equal("12", stored.GetProperty("responseCode").GetString());
        Assert.Equal(0, stored.GetProperty("postings").GetArrayLength());
    }

    [Fact]
    public async Task A_reversal_of_a_declined_transaction_is_00_and_posts_nothing()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var purchase = Requests.Purchase(TestCards.Pan(serial), TestCards.OpeningFen + 5, Rrns.Next());
        Assert.Equal("51", (await client.ExchangeAsync(purchase)).ResponseCode);
        Assert.Equal("00", (await client.ExchangeAsync(Requests.Reversal(purchase))).ResponseCode);
        Assert.Equal(TestCards.OpeningFen, await Central.AvailableFenAsync(serial));
    }

    [Fact]
    public async Task A_purchase_that_still_has_its_void_cannot_be_reversed_12()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var pan = TestCards.Pan(serial);
        var purchase = Requests.Purchase(pan, 800, Rrns.Next());
        await client.ExchangeAsync(purchase);
        Assert.Equal("00", (await client.ExchangeAsync(Requests.PurchaseVoid(pan, 800, Rrns.Next(), purchase.GetAscii(37)!))).ResponseCode);
        Assert.Equal("12", (await client.ExchangeAsync(Requests.Reversal(purchase))).ResponseCode);
        Assert.Equal(TestCards.OpeningFen, await Central.AvailableFenAsync(serial));
    }
}
