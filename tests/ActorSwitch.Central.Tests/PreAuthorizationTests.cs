using ActorSwitch.Testing;
using System.Text.Json;
using ActorSwitch.Central.Tests.Support;

namespace ActorSwitch.Central.Tests;

[Collection(SharedCentralCollection.Name)]
public sealed class PreAuthorizationTests(SharedCentral shared)
{
    private CentralProcess Central => shared.Central;

    private async Task<(long Available, long Held)> CardAsync(int serial)
    {
        var card = await Central.GetJsonAsync($"/cards/{serial}");
        return (card.GetProperty("availableFen").GetInt64(), card.GetProperty("heldFen").GetInt64());
    }

    [Fact]
    public async Task A_pre_authorisation_holds_funds_and_a_smaller_completion_releases_the_rest()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var pan = TestCards.Pan(serial);
        var preAuth = Rrns.Next();
        var answer = await client.ExchangeAsync(Requests.PreAuthorization(pan, 50_000, preAuth));
        Assert.Equal("00", answer.ResponseCode);
        Assert.Equal(110, answer.Message.Mti);
        Assert.Equal((TestCards.OpeningFen - 50_000, 50_000L), await CardAsync(serial));

        Assert.Equal("13", (await client.ExchangeAsync(Requests.Completion(pan, 50_001, Rrns.Next(), preAuth))).ResponseCode);
        var completion = Requests.Completion(pan, 42_000, Rrns.Next(), preAuth);
        Assert.Equal("00", (await client.ExchangeAsync(completion)).ResponseCode);
        Assert.Equal((TestCards.OpeningFen - 42_000, 0L), await CardAsync(serial));
        Assert.Equal("12", (await client.ExchangeAsync(Requests.Completion(pan, 1_000, Rrns.Next(), preAuth))).ResponseCode);

        // The completion reversed: the hold stands again, and can then be cancelled.
        Assert.Equal("00", (await client.ExchangeAsync(Requests.Reversal(completion))).ResponseCode);
        Assert.Equal((TestCards.OpeningFen - 50_000, 50_000L), await CardAsync(serial));
        Assert.Equal("00", (await client.ExchangeAsync(Requests.PreAuthorizationCancel(pan, 50_000, Rrns.Next(), preAuth))).ResponseCode);
        Assert.Equal((TestCards.OpeningFen, 0L), await CardAsync(serial));
    }

    [Fact]
    public async Task A_cancel_releases_the_hold_and_must_name_the_whole_amount()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var pan = TestCards.Pan(serial);
        var preAuth = Rrns.Next();
        await client.ExchangeAsync(Requests.PreAuthorization(pan, 20_000, preAuth));

        Assert.Equal("13", (await client.ExchangeAsync(Requests.PreAuthorizationCancel(pan, 10_000, Rrns.Next(), preAuth))).ResponseCode);
        Assert.Equal("00", (await client.ExchangeAsync(Requests.PreAuthorizationCancel(pan, 20_000, Rrns.Next(), preAuth))).ResponseCode);
        Assert.Equal((TestCards.OpeningFen, 0L), await CardAsync(serial));
        Assert.Equal("12", (await client.ExchangeAsync(Requests.Completion(pan, 100, Rrns.Next(), preAuth))).ResponseCode);
        Assert.Equal("12", (await client.ExchangeAsync(Requests.Reversal(Requests.PreAuthorization(pan, 20_000, preAuth)))).ResponseCode);
    }

    [Fact]
    public async Task A_completion_void_puts_the_hold_back()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var pan = TestCards.Pan(serial);
        var preAuth = Rrns.Next();
        await client.ExchangeAsync(Requests.PreAuthorization(pan, 30_000, preAuth));
        var completionRrn = Rrns.Next();
        await client.ExchangeAsync(Requests.Completion(pan, 25_000, completionRrn, preAuth));

        Assert.Equal("00", (await client.ExchangeAsync(Requests.CompletionVoid(pan, 25_000, Rrns.Next(), completionRrn))).ResponseCode);
        Assert.Equal((TestCards.OpeningFen - 30_000, 30_000L), await CardAsync(serial));
        var stored = await Central.TransactionAsync(preAuth);
        Assert.Equal(30_000, stored.GetProperty("holdFen").GetInt64());
    }

    [Fact]
    public async Task A_pre_authorisation_above_the_balance_is_51()
    {
        await using var client = await Central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var answer = await client.ExchangeAsync(Requests.PreAuthorization(TestCards.Pan(serial), TestCards.OpeningFen + 1, Rrns.Next()));
        Assert.Equal("51", answer.ResponseCode);
        Assert.Equal((TestCards.OpeningFen, 0L), await CardAsync(serial));
    }
}
