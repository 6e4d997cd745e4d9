using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorSwitch.Testing;
using static ActorSwitch.Node.Tests.EndOfDay.EndOfDayKit;
using static ActorSwitch.Node.Tests.Pos.PosTestKit;

namespace ActorSwitch.Node.Tests.EndOfDay;

/// <summary>
/// The cut-off of a day closed early by an operator, with traffic running: what was in flight at the
/// marker still counts for the day once the centre answers, and what starts after it belongs to the next.
/// </summary>
public sealed class EndOfDayCutOffTests
{
    [Fact]
    public async Task A_day_closed_early_keeps_what_was_in_flight_and_gives_what_follows_to_the_next_day()
    {
        await using var central = await CentralProcess.StartAsync();
        await using var node = await NodeProcess.StartAsync("--central", central.Address, "--config", await ConfigAsync(central));
        await using var terminal = await NewTerminalAsync(node);
        var before = await terminal.PurchaseAsync(Card(NewCardSerial()), 1_111);
        Assert.Equal("00", before.ResponseCode);
        var date = await CurrentDateAsync(node);

        // A purchase the centre takes 3 s to decide; the day is cut off while it waits.
        await central.SendJsonAsync(HttpMethod.Put, "/faults/latency", new { ms = 3_000 });
        var inFlight = terminal.PurchaseAsync(Card(NewCardSerial()), 2_222);
        await Task.Delay(1_000);
        var (status, _) = await RunAsync(node, date);
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("00", (await inFlight).ResponseCode);
        var today = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(today.ToString("MMdd", CultureInfo.InvariantCulture), (await inFlight).SettlementDate); // its day, on its receipt
        await central.SendJsonAsync(HttpMethod.Post, "/faults/reset");

        // After the marker: the next day, on the terminal's receipt (F15) too.
        var after = await terminal.PurchaseAsync(Card(NewCardSerial()), 3_333);
        Assert.Equal("00", after.ResponseCode);
        var nextDay = today.AddDays(1);
        Assert.Equal(nextDay.ToString("MMdd", CultureInfo.InvariantCulture), after.SettlementDate);

        await WaitForStateAsync(node, date, "closed", TimeSpan.FromMinutes(2));
        var day = await node.Http.GetStringAsync($"/api/eod/{date}/transactions.csv");
        Assert.Contains(before.RetrievalReference!, day);
        Assert.Contains((await inFlight).RetrievalReference!, day);
        Assert.DoesNotContain(after.RetrievalReference!, day);

        var next = await node.Http.GetFromJsonAsync<JsonElement>(
            $"/api/merchants/{terminal.Options.MerchantId}/transactions?from={nextDay:yyyy-MM-dd}&to={nextDay:yyyy-MM-dd}");
        Assert.Contains(next.GetProperty("transactions").EnumerateArray(), t => t.GetProperty("rrn").GetString() == after.RetrievalReference);
    }
}
