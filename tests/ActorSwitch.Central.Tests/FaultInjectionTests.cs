using ActorSwitch.Testing;
using System.Net.Http.Json;
using System.Diagnostics;
using ActorSwitch.Central.Tests.Support;

namespace ActorSwitch.Central.Tests;

/// <summary>A process of its own: faults apply to every connection.</summary>
public sealed class FaultInjectionTests : IAsyncLifetime
{
    private CentralProcess _central = null!;

    public async Task InitializeAsync() => _central = await CentralProcess.StartAsync();

    public async Task DisposeAsync() => await _central.DisposeAsync();

    [Fact]
    public async Task Latency_delays_every_answer()
    {
        await using var client = await _central.ConnectAsync();
        // A delay far above what a loaded 2-core machine adds to a loopback exchange (up to ~1 s seen while
        // the whole suite runs), so that "delayed" and "not delayed" stay apart whatever else runs.
        await _central.SendJsonAsync(HttpMethod.Put, "/faults/latency", new { minMs = 3_000, maxMs = 3_100 });
        var watch = Stopwatch.StartNew();
        var answer = await client.ExchangeAsync(Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), 100, Rrns.Next()));
        Assert.Equal("00", answer.ResponseCode);
        Assert.InRange(watch.ElapsedMilliseconds, 2_990, 15_000);

        await _central.SendJsonAsync(HttpMethod.Post, "/faults/reset");
        watch.Restart();
        await client.ExchangeAsync(Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), 100, Rrns.Next()));
        Assert.InRange(watch.ElapsedMilliseconds, 0, 2_990);
    }

    [Fact]
    public async Task A_dropped_answer_was_still_decided_so_the_switch_must_reverse_it()
    {
        await using var client = await _central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var purchase = Requests.Purchase(TestCards.Pan(serial), 6_000, Rrns.Next());
        await _central.SendJsonAsync(HttpMethod.Put, "/faults/drop", new { rate = 1.0, stage = "answer" });
        try
        {
            await client.SendAsync(purchase);
            Assert.False(await client.ReceivesAsync(m => m.Mti == 210, TimeSpan.FromSeconds(1)));
        }
        finally
        {
            await _central.SendJsonAsync(HttpMethod.Post, "/faults/reset");
        }
        Assert.Equal("00", (await _central.TransactionAsync(purchase.GetAscii(37)!)).GetProperty("responseCode").GetString());
        Assert.Equal(TestCards.OpeningFen - 6_000, await _central.AvailableFenAsync(serial));

        Assert.Equal("00", (await client.ExchangeAsync(Requests.Reversal(purchase))).ResponseCode);
        Assert.Equal(TestCards.OpeningFen, await _central.AvailableFenAsync(serial));
    }

    [Fact]
    public async Task A_dropped_request_was_never_seen_so_its_reversal_is_25()
    {
        await using var client = await _central.ConnectAsync();
        var purchase = Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), 6_000, Rrns.Next());
        await _central.SendJsonAsync(HttpMethod.Put, "/faults/drop", new { rate = 1.0, stage = "request" });
        try
        {
            await client.SendAsync(purchase);
            Assert.False(await client.ReceivesAsync(m => m.Mti == 210, TimeSpan.FromSeconds(1)));
        }
        finally
        {
            await _central.SendJsonAsync(HttpMethod.Post, "/faults/reset");
        }
        Assert.Equal("25", (await client.ExchangeAsync(Requests.Reversal(purchase))).ResponseCode);
    }

    [Fact]
    public async Task Injected_declines_are_real_decisions_repeated_to_repeats()
    {
        await using var client = await _central.ConnectAsync();
        var serial = TestCards.NextSerial();
        var purchase = Requests.Purchase(TestCards.Pan(serial), 700, Rrns.Next());
        await _central.SendJsonAsync(HttpMethod.Put, "/faults/decline", new { rate = 1.0, responseCode = "96" });
        try
        {
            Assert.Equal("96", (await client.ExchangeAsync(purchase)).ResponseCode);
        }
        finally
        {
            await _central.SendJsonAsync(HttpMethod.Post, "/faults/reset");
        }
        Assert.Equal("96", (await client.ExchangeAsync(Requests.Purchase(TestCards.Pan(serial), 700, purchase.GetAscii(37)!))).ResponseCode);
        Assert.Equal(TestCards.OpeningFen, await _central.AvailableFenAsync(serial));
        using var bad = await _central.Http.PutAsJsonAsync("/faults/decline", new { rate = 2.0 });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Disconnect_now_and_after_n_messages_close_every_connection()
    {
        await using (var client = await _central.ConnectAsync())
        {
            await _central.SendJsonAsync(HttpMethod.Post, "/faults/disconnect");
            await client.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        }

        await using var again = await _central.ConnectAsync();
        await _central.SendJsonAsync(HttpMethod.Post, "/faults/disconnect", new { afterMessages = 3 });
        Assert.Equal("00", (await again.ExchangeAsync(Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), 100, Rrns.Next()))).ResponseCode);
        Assert.Equal("00", (await again.ExchangeAsync(Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), 100, Rrns.Next()))).ResponseCode);
        await again.SendAsync(Requests.Purchase(TestCards.Pan(TestCards.NextSerial()), 100, Rrns.Next()));
        await again.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        var faults = await _central.GetJsonAsync("/faults");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, faults.GetProperty("disconnectAfterMessages").ValueKind);
    }
}
