using System.Net;
using System.Text.Json;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Security.SignOn;
using ActorSwitch.Testing;
using static ActorSwitch.Node.Tests.Pos.PosTestKit;

namespace ActorSwitch.Node.Tests.Observability;

/// <summary>
/// <c>/metrics</c> and <c>/health/ready</c> of a real node after real traffic: a terminal signs on, buys three
/// times, sends one request under a wrong MAC and a refund that waits in store-and-forward while the centre
/// is slow. The scrape must be valid Prometheus text, count exactly that traffic, and name no card, terminal
/// or merchant in any label.
/// </summary>
public sealed class MetricsTests
{
    private static readonly string[] OurLabels = ["type", "code", "writer", "link", "le", "otel_scope_name", "otel_scope_version"];

    [Fact]
    public async Task Metrics_count_the_traffic_by_type_and_code_with_latencies_connections_journal_and_store_and_forward()
    {
        await using var central = await CentralProcess.StartAsync();
        await using var node = await NodeProcess.StartAsync("--central", central.Address);
        using var anonymous = new HttpClient { BaseAddress = node.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var merchantId = await RegisterMerchantAsync(node);
        var terminal = await NewTerminalAsync(node, merchantId);
        var terminalId = terminal.Options.TerminalId;
        var card = Card(NewCardSerial());
        TransactionResult? first = null;
        for (var i = 0; i < 3; i++)
        {
            var purchase = await terminal.PurchaseAsync(card, 1_000 + i);
            Assert.Equal("00", purchase.ResponseCode);
            first ??= purchase;
        }
        var keys = terminal.Keys!;
        terminal.UseWorkingKeys(WorkingKeys.FromClear(new byte[16], new byte[16], keys.Layout));
        Assert.Equal("A0", (await terminal.PurchaseAsync(card, 100)).ResponseCode);
        terminal.UseWorkingKeys(keys);

        // Scraped without the operator token: Prometheus has none.
        var scrape = await EventuallyAsync(anonymous, m => m.Value("actorswitch_pos_transactions_total", ("type", "Purchase"), ("code", "A0")) == 1);
        Assert.Equal("counter", scrape.Types["actorswitch_pos_transactions_total"]);
        Assert.Equal(1, scrape.Value("actorswitch_pos_transactions_total", ("type", "SignOn"), ("code", "00")));
        Assert.Equal(3, scrape.Value("actorswitch_pos_transactions_total", ("type", "Purchase"), ("code", "00")));

        // Latency histogram of the four purchases: cumulative buckets ending at the count, a positive sum.
        Assert.Equal("histogram", scrape.Types["actorswitch_pos_request_duration_milliseconds"]);
        Assert.Equal(4, scrape.Value("actorswitch_pos_request_duration_milliseconds_count", ("type", "Purchase")));
        Assert.True(scrape.Value("actorswitch_pos_request_duration_milliseconds_sum", ("type", "Purchase")) > 0);
        var buckets = scrape.Named("actorswitch_pos_request_duration_milliseconds_bucket").Where(s => s.Has("type", "Purchase"))
            .Select(s => (Le: double.Parse(s.Labels["le"] == "+Inf" ? "Infinity" : s.Labels["le"], System.Globalization.CultureInfo.InvariantCulture), s.Value))
            .OrderBy(b => b.Le).ToList();
        Assert.True(buckets.Count > 5, "the histogram has buckets");
        Assert.Equal(double.PositiveInfinity, buckets[^1].Le);
        Assert.Equal(4, buckets[^1].Value);
        for (var i = 1; i < buckets.Count; i++) Assert.True(buckets[i].Value >= buckets[i - 1].Value, "buckets are cumulative");

        Assert.Equal(1, scrape.Value("actorswitch_pos_connections_open"));
        Assert.Equal(1, scrape.Value("actorswitch_terminal_entities"));
        Assert.Equal(0, scrape.Value("actorswitch_store_and_forward_depth"));
        Assert.True(scrape.Value("actorswitch_centre_links_up") >= 1);
        // Each approved purchase journals its start and its outcome; the probe writes on its own.
        Assert.True(scrape.Value("actorswitch_journal_write_duration_milliseconds_count", ("writer", "terminal")) >= 6);
        Assert.True(scrape.Value("actorswitch_journal_write_duration_milliseconds_count", ("writer", "health-probe")) >= 1);
        Assert.True(scrape.Named("actorswitch_centre_request_duration_milliseconds_count").Sum(s => s.Value) >= 3);

        // A refund is answered at once and delivered by store and forward: while the centre takes 8 s to
        // answer, it is one entry deep; once answered, empty again.
        await central.SendJsonAsync(HttpMethod.Put, "/faults/latency", new { ms = 8_000 });
        Assert.Equal("00", (await terminal.RefundAsync(first!, 500, card)).ResponseCode);
        await EventuallyAsync(anonymous, m => m.Value("actorswitch_store_and_forward_depth") == 1, TimeSpan.FromSeconds(7));
        await central.SendJsonAsync(HttpMethod.Post, "/faults/reset");
        scrape = await EventuallyAsync(anonymous, m => m.Value("actorswitch_store_and_forward_depth") == 0, TimeSpan.FromSeconds(40));
        Assert.Equal(1, scrape.Value("actorswitch_pos_transactions_total", ("type", "Refund"), ("code", "00")));

        // No identifier of the card, the terminal or the merchant anywhere in the scrape; our metrics use our labels only.
        var text = await anonymous.GetStringAsync("/metrics");
        foreach (var secret in new[] { card.Pan, terminalId, merchantId })
            Assert.DoesNotContain(secret, text);
        foreach (var sample in scrape.Samples.Where(s => s.Name.StartsWith("actorswitch_", StringComparison.Ordinal)))
            Assert.All(sample.Labels.Keys, label => Assert.Contains(label, OurLabels));

        await terminal.DisposeAsync();
        await EventuallyAsync(anonymous, m => m.Value("actorswitch_pos_connections_open") == 0);
    }

    [Fact]
    public async Task Readiness_lists_every_check_with_its_state_and_liveness_stays_simple()
    {
        await using var node = await NodeProcess.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = node.Http.BaseAddress };

        using var ready = await anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("posListening").GetBoolean());
        var checks = body.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (State: c.GetProperty("state").GetString(), Detail: c.GetProperty("detail").GetString()));
        Assert.Equal(new[] { "journal-recovered", "cluster-joined", "journal-writable", "centre-link" }, checks.Keys);
        Assert.All(checks.Values, c => Assert.Equal("pass", c.State));
        Assert.Contains("Up", checks["cluster-joined"].Detail);
        Assert.Contains("last probe write", checks["journal-writable"].Detail);

        using var live = await anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        // The operator API still wants its token.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/eod")).StatusCode);
    }

    /// <summary>Scrapes until <paramref name="condition"/> holds (the exporter caches a scrape for 300 ms; gauges move after the fact).</summary>
    internal static async Task<PrometheusText> EventuallyAsync(HttpClient http, Func<PrometheusText, bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            using var response = await http.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            var metrics = PrometheusText.Parse(text);
            if (condition(metrics)) return metrics;
            if (DateTime.UtcNow > deadline)
                Assert.Fail("the metrics never showed what was expected; last scrape:\n" +
                    string.Join('\n', text.Split('\n').Where(l => l.StartsWith("actorswitch_", StringComparison.Ordinal) && !l.Contains("_bucket"))));
            await Task.Delay(250);
        }
    }
}
