using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Security.Purse;
using ActorSwitch.Testing;
using Xunit.Abstractions;
using static ActorSwitch.Node.Tests.Pos.PosTestKit;

namespace ActorSwitch.Node.Tests.EndOfDay;

/// <summary>What a generated stream of traffic should clear to, per merchant, from the terminals' answers.</summary>
public sealed class ExpectedClearing
{
    public Dictionary<string, (long Debits, long Credits, int DebitCount, int CreditCount)> ByMerchant { get; } = new();

    public void Add(string merchant, TotalsSide side, long amount)
    {
        var (d, c, dc, cc) = ByMerchant.GetValueOrDefault(merchant);
        ByMerchant[merchant] = side == TotalsSide.Debit ? (d + amount, c, dc + 1, cc) : (d, c + amount, dc, cc + 1);
    }

    public int Count => ByMerchant.Values.Sum(v => v.DebitCount + v.CreditCount);
}

/// <summary>Nodes linked to a separate centre simulator, traffic generation and end-of-day helpers.</summary>
public static class EndOfDayKit
{
    private static readonly byte[] IssuerTacMasterKey = Convert.FromHexString("DAC2715F15C1406DF32EE69ED4F8462E");

    public static async Task<string> ConfigAsync(CentralProcess central, string extra = "")
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("actorswitch-eod-").FullName, "eod.conf");
        await File.WriteAllTextAsync(config, $"""
            actorswitch.end-of-day.centre-gateway = "http://127.0.0.1:{central.AdminPort}/"
            actorswitch.end-of-day.drain-grace = 30s
            actorswitch.end-of-day.retry-interval = 1s
            actorswitch.end-of-day.settle-window = 5s
            {extra}
            """);
        return config;
    }

    /// <summary>
    /// Purchases, voids, refunds, reversals, declines and offline purse records (valid, bad TAC,
    /// duplicate) over <paramref name="merchants"/> x <paramref name="terminalsPerMerchant"/> terminals;
    /// every terminal then settles its batch, which must balance.
    /// </summary>
    public static async Task<ExpectedClearing> GenerateAsync(NodeProcess node, int seed, ITestOutputHelper output, int merchants = 2,
        int terminalsPerMerchant = 2, int operationsPerTerminal = 8)
    {
        output.WriteLine($"traffic seed {seed}");
        var random = new Random(seed);
        var expected = new ExpectedClearing();
        for (var m = 0; m < merchants; m++)
        {
            var merchant = await RegisterMerchantAsync(node);
            expected.ByMerchant[merchant] = default;
            for (var t = 0; t < terminalsPerMerchant; t++)
            {
                await using var terminal = await NewTerminalAsync(node, merchant);
                var card = Card(NewCardSerial());
                var psam = new Psam(Convert.FromHexString("3604866000" + random.Next(10, 99)));
                for (var i = 0; i < operationsPerTerminal; i++)
                {
                    var amount = random.Next(100, 50_000);
                    switch (random.Next(7))
                    {
                        case 0 or 1: // a purchase, sometimes voided
                        {
                            var p = await terminal.PurchaseAsync(card, amount);
                            if (!p.IsApproved) break;
                            expected.Add(merchant, TotalsSide.Debit, amount);
                            if (random.Next(3) == 0 && (await terminal.VoidPurchaseAsync(p, card)).IsApproved)
                                expected.Add(merchant, TotalsSide.Credit, amount); // the purchase stays a debit
                            break;
                        }
                        case 2: // a purchase partly refunded
                        {
                            var p = await terminal.PurchaseAsync(card, amount);
                            if (!p.IsApproved) break;
                            expected.Add(merchant, TotalsSide.Debit, amount);
                            var refund = amount / 3 + 1;
                            if ((await terminal.RefundAsync(p, refund, card)).IsApproved) expected.Add(merchant, TotalsSide.Credit, refund);
                            break;
                        }
                        case 3: // a purchase reversed: counts nowhere
                        {
                            var p = await terminal.PurchaseAsync(card, amount);
                            var r = await terminal.ReverseAsync(p, ReversalReason.NoAnswer);
                            if (p.IsApproved && r.ResponseCode != "00") expected.Add(merchant, TotalsSide.Debit, amount);
                            break;
                        }
                        case 4: // declined (wrong PIN): counts nowhere
                            Assert.NotEqual("00", (await terminal.PurchaseAsync(card with { Pin = "000000" }, amount)).ResponseCode);
                            break;
                        case 5: // an offline purse record, uploaded twice: counted once
                        {
                            var purse = new PurseCard(RandomSerial(random), IssuerTacMasterKey, balance: 100_000, offlineSequence: 7);
                            var record = purse.Purchase((uint)(amount % 10_000 + 1), psam, DateTime.Now);
                            Assert.Equal("00", (await terminal.UploadPurseRecordAsync(record)).ResponseCode);
                            expected.Add(merchant, TotalsSide.Debit, record.Amount);
                            break;
                        }
                        default: // a forged purse record (bad TAC): A7, counts nowhere
                        {
                            var forged = new PurseCard(RandomSerial(random), new byte[16], balance: 100_000, offlineSequence: 3)
                                .Purchase((uint)(amount % 10_000 + 1), psam, DateTime.Now);
                            Assert.Equal("A7", (await terminal.UploadPurseRecordAsync(forged)).ResponseCode);
                            break;
                        }
                    }
                }
                var settlement = await terminal.SettleAsync();
                Assert.Equal(SettlementTotals.Balanced, settlement.DomesticResult);
            }
        }
        // A duplicate of an accepted record on another terminal: 94, never counted twice.
        {
            var merchant = expected.ByMerchant.Keys.First();
            await using var first = await NewTerminalAsync(node, merchant);
            await using var second = await NewTerminalAsync(node, merchant);
            var record = new PurseCard(RandomSerial(random), IssuerTacMasterKey, balance: 100_000, offlineSequence: 9)
                .Purchase(777, new Psam(Convert.FromHexString("360486600077")), DateTime.Now);
            Assert.Equal("00", (await first.UploadPurseRecordAsync(record)).ResponseCode);
            Assert.Equal("94", (await second.UploadPurseRecordAsync(record)).ResponseCode);
            expected.Add(merchant, TotalsSide.Debit, 777);
            Assert.Equal(SettlementTotals.Balanced, (await first.SettleAsync()).DomesticResult);
            Assert.Equal(SettlementTotals.Balanced, (await second.SettleAsync()).DomesticResult);
        }
        return expected;
    }

    private static byte[] RandomSerial(Random random)
    {
        var serial = new byte[8];
        random.NextBytes(serial);
        return serial;
    }

    public static async Task<JsonElement> StatusAsync(NodeProcess node) =>
        await node.Http.GetFromJsonAsync<JsonElement>("/api/eod");

    public static async Task<string> CurrentDateAsync(NodeProcess node) =>
        (await StatusAsync(node)).GetProperty("currentSettlementDate").GetString()!;

    public static async Task<(HttpStatusCode Status, JsonElement Body)> RunAsync(NodeProcess node, string date)
    {
        using var response = await node.Http.PostAsJsonAsync("/api/eod/run", new { date });
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    public static async Task<JsonElement> WaitForStateAsync(NodeProcess node, string date, string state, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement day = default;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var status = await StatusAsync(node);
                day = status.GetProperty("days").EnumerateArray().FirstOrDefault(d => d.GetProperty("date").GetString() == date);
                if (day.ValueKind == JsonValueKind.Object && day.GetProperty("state").GetString() == state) return day;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(500);
        }
        Assert.Fail($"end of day {date} not {state} within {timeout}: {day}\n{node.Output[^Math.Min(node.Output.Length, 4000)..]}");
        return day;
    }

    /// <summary>The report files of a day, JSON generation timestamps blanked.</summary>
    public static Dictionary<string, string> Reports(string dataDir, string date) =>
        Directory.GetFiles(Path.Combine(dataDir, "eod", date))
            .ToDictionary(f => Path.GetFileName(f)!, f => System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(f),
                "\"generatedAt\": \"[^\"]*\"", "\"generatedAt\": \"\""));
}
