using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorSwitch.Testing;
using Xunit.Abstractions;
using static ActorSwitch.Node.Tests.EndOfDay.EndOfDayKit;

namespace ActorSwitch.Node.Tests.EndOfDay;

/// <summary>End of day against a separate centre simulator: clearing equals what was approved and matches the centre.</summary>
public sealed class EndOfDayTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunPatience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_generated_day_clears_to_what_was_approved_matches_the_centre_and_closes_once()
    {
        await using var central = await CentralProcess.StartAsync();
        await using var node = await NodeProcess.StartAsync("--central", central.Address, "--config", await ConfigAsync(central));
        var expected = await GenerateAsync(node, Random.Shared.Next(), output);
        var date = await CurrentDateAsync(node);

        var (status, body) = await RunAsync(node, date);
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("started", body.GetProperty("outcome").GetString());
        var day = await WaitForStateAsync(node, date, "closed", RunPatience);
        Assert.Equal("close", day.GetProperty("step").GetString());
        output.WriteLine(day.ToString());

        // Per-merchant clearing = the sum of what the terminals were approved; fee half up on gross debits.
        var clearing = JsonDocument.Parse(await node.Http.GetStringAsync($"/api/eod/{date}/clearing.json")).RootElement;
        var merchants = clearing.GetProperty("merchants").EnumerateArray().ToDictionary(m => m.GetProperty("merchantId").GetString()!);
        foreach (var (merchant, e) in expected.ByMerchant.Where(kv => kv.Value.DebitCount + kv.Value.CreditCount > 0))
        {
            var m = merchants[merchant];
            Assert.Equal(e.Debits, m.GetProperty("debitFen").GetInt64());
            Assert.Equal(e.Credits, m.GetProperty("creditFen").GetInt64());
            Assert.Equal((e.DebitCount, e.CreditCount), (m.GetProperty("debitCount").GetInt32(), m.GetProperty("creditCount").GetInt32()));
            var fee = (e.Debits * 60 + 5_000) / 10_000; // 60 bp, half up
            Assert.Equal(fee, m.GetProperty("feeFen").GetInt64());
            Assert.Equal(e.Debits - e.Credits - fee, m.GetProperty("netFen").GetInt64());
        }

        // The centre's own ledger (its clearing file) agrees line by line.
        var reconciliation = JsonDocument.Parse(await node.Http.GetStringAsync($"/api/eod/{date}/reconciliation.json")).RootElement;
        var summary = reconciliation.GetProperty("summary");
        Assert.Equal(expected.Count, summary.GetProperty("matched").GetInt32());
        Assert.Equal(0, summary.GetProperty("onlyOurs").GetInt32());
        Assert.Equal(0, summary.GetProperty("onlyCentre").GetInt32());
        Assert.Equal(0, summary.GetProperty("amountMismatch").GetInt32());

        // Reports: PANs masked, rows in RRN order.
        var transactions = await node.Http.GetStringAsync($"/api/eod/{date}/transactions.csv");
        Assert.DoesNotMatch(@"\b62123400\d{11}\b", transactions);
        var rrns = transactions.TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(rrns.Order(StringComparer.Ordinal), rrns);

        // Re-running a closed day is a no-op that says so.
        var (again, againBody) = await RunAsync(node, date);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal("closed", againBody.GetProperty("outcome").GetString());

        // Merchants query their details (amounts in fen, purse records included).
        var merchantId = expected.ByMerchant.Keys.First();
        var details = await node.Http.GetFromJsonAsync<JsonElement>($"/api/merchants/{merchantId}/transactions?from={date}&to={date}");
        Assert.Contains(details.GetProperty("transactions").EnumerateArray(), t => t.GetProperty("offline").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, (await node.Http.GetAsync($"/api/merchants/{merchantId}/transactions?from=26-11-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Http.GetAsync("/api/merchants/000000000000000/transactions")).StatusCode);
    }

    [Fact]
    public async Task A_card_holder_queries_by_pan_in_the_body_and_gets_masked_pans()
    {
        await using var central = await CentralProcess.StartAsync();
        await using var node = await NodeProcess.StartAsync("--central", central.Address, "--config", await ConfigAsync(central));
        await using var terminal = await Pos.PosTestKit.NewTerminalAsync(node);
        var serial = Pos.PosTestKit.NewCardSerial();
        var card = Pos.PosTestKit.Card(serial);
        Assert.Equal("00", (await terminal.PurchaseAsync(card, 1_234)).ResponseCode);

        using var response = await node.Http.PostAsJsonAsync("/api/cards/transactions/query", new { pan = card.Pan });
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(card.Pan, text);
        var rows = JsonDocument.Parse(text).RootElement.GetProperty("transactions").EnumerateArray().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(1_234, row.GetProperty("amountFen").GetInt64());
        Assert.Equal("approved", row.GetProperty("status").GetString());
        using var bad = await node.Http.PostAsJsonAsync("/api/cards/transactions/query", new { pan = "1234" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"pan\"", await bad.Content.ReadAsStringAsync());

        // A run with no body: the current settlement day, cut off now.
        var date = await CurrentDateAsync(node);
        Assert.Equal("open", (await StatusAsync(node)).GetProperty("days").EnumerateArray().Single(d => d.GetProperty("date").GetString() == date)
            .GetProperty("state").GetString());
        using var run = await node.Http.PostAsync("/api/eod/run", null);
        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        Assert.Contains(date, await run.Content.ReadAsStringAsync());
        await WaitForStateAsync(node, date, "closed", TimeSpan.FromSeconds(120));
        Assert.Contains(",1234,", await node.Http.GetStringAsync($"/api/eod/{date}/transactions.csv"));
        Assert.Equal(HttpStatusCode.BadRequest, (await node.Http.GetAsync("/api/eod/2026-13-01/transactions.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await node.Http.GetAsync($"/api/eod/{date}/secrets.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Http.GetAsync("/api/eod/2001-01-01/clearing.csv")).StatusCode);
        using var badDate = await node.Http.PostAsJsonAsync("/api/eod/run", new { date = "yesterday" });
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("\"date\"", await badDate.Content.ReadAsStringAsync());
    }
}
