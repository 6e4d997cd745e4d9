using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorSwitch.Node.Tests.EndOfDay;
using ActorSwitch.Node.Tests.Pos;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Testing;
using Xunit.Abstractions;

namespace ActorSwitch.Node.Tests.Cluster;

/// <summary>
/// Three node processes on one PostgreSQL journal, terminals spread over them with traffic running:
/// one node is killed with SIGKILL, later another leaves gracefully. Every terminal carries on through
/// another node, and every approval a terminal received is in the switch's journal and the centre's
/// ledger exactly once, nothing else was approved, the batches balance and end of day reconciles.
/// </summary>
[Collection("cluster")]
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_node_killed_under_traffic_and_one_leaving_lose_nothing_and_double_nothing()
    {
        await using var cluster = await ClusterKit.StartAsync(3);
        var nodes = cluster.Nodes;

        // Registered through node 1, known to all: a terminal may connect to any node.
        var terminals = new List<FailoverTerminal>();
        for (var m = 0; m < 2; m++)
        {
            var merchant = await PosTestKit.RegisterMerchantAsync(nodes[0]);
            for (var t = 0; t < 3; t++)
            {
                var index = terminals.Count;
                var home = nodes[index % 3];
                var terminalId = PosTestKit.NewTerminalId();
                var created = await nodes[0].Http.PostAsJsonAsync("/api/terminals", new { terminalId, merchantId = merchant, model = "PAX S90" });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                for (var n = 1; n < nodes.Length; n++)
                {
                    var node = nodes[n];
                    await ClusterKit.EventuallyAsync(async () => (await node.Http.GetAsync($"/api/merchants/{merchant}/terminals/{terminalId}")).IsSuccessStatusCode,
                        TimeSpan.FromSeconds(10), $"terminal {terminalId} registered through node 1 is not known to node {n + 1}");
                }
                var pos = new PosTerminal(PosTestKit.Options(home, merchant, terminalId, answerTimeout: TimeSpan.FromSeconds(10)),
                    await PosTestKit.FetchMasterKeyAsync(home, merchant, terminalId));
                Assert.Equal("00", (await pos.SignOnAsync()).ResponseCode);
                terminals.Add(new FailoverTerminal(pos, nodes, index % 3,
                    Enumerable.Range(2000 + index * 50, 20).Select(serial => PosTestKit.Card(serial)).ToList()));
            }
        }

        // switchctl, against any node, sees the whole cluster.
        var shown = await SwitchCtlProcess.RunAsync(nodes[1], "cluster", "show", "--json");
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Equal(3, shown.Json.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "Up"));
        var located = await SwitchCtlProcess.RunAsync(nodes[2], "sharding", "locate", $"{terminals[0].MerchantId}/{terminals[0].TerminalId}", "--json");
        Assert.True(located.ExitCode == 0, located.ToString());
        Assert.True(located.Json.GetProperty("allocated").GetBoolean(), located.ToString());
        var links = await SwitchCtlProcess.RunAsync(nodes[0], "links", "show", "--json");
        Assert.True(links.ExitCode == 0, links.ToString());
        Assert.Equal(3, links.Json.GetProperty("nodes").EnumerateArray().Count(n => n.GetProperty("signedOn").GetInt32() == 4));

        using var stop = new CancellationTokenSource();
        var traffic = terminals.Select((t, i) => Task.Run(() => t.RunAsync(new Random(i), stop.Token))).ToList();
        try
        {
            await WaitForApprovalsAsync(terminals, traffic, 3, "before the kill");

            var beforeKill = terminals.Select(t => t.ApprovedCount).ToArray();
            nodes[2].Kill();
            output.WriteLine($"node 3 killed at {DateTime.UtcNow:HH:mm:ss}");
            await WaitForApprovalsAsync(terminals, traffic, 3, "after node 3 was killed", beforeKill);

            var beforeLeave = terminals.Select(t => t.ApprovedCount).ToArray();
            // The operator asks node 2 to leave (through node 1): it hands its shards over and exits.
            var leave = await SwitchCtlProcess.RunAsync(nodes[0], "cluster", "leave", $"127.0.0.1:{cluster.RemotingPorts[1]}");
            Assert.True(leave.ExitCode == 0, leave.ToString());
            await ClusterKit.EventuallyAsync(() => Task.FromResult(nodes[1].HasExited), TimeSpan.FromSeconds(90), "node 2 did not exit within 90 s of leaving");
            output.WriteLine($"node 2 left at {DateTime.UtcNow:HH:mm:ss}");
            await WaitForApprovalsAsync(terminals, traffic, 3, "after node 2 left", beforeLeave);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(traffic);
        }
        for (var n = 0; n < nodes.Length; n++)
            foreach (var line in nodes[n].Output.Split('\n').Where(l => l.Contains("not registered") || l.Contains("Registry") || l.Contains("ERROR")).Take(20))
                output.WriteLine($"node {n + 1}: {line}");
        foreach (var t in terminals)
            output.WriteLine($"terminal {t.TerminalId}: {t.ApprovedCount} approved, not approved {string.Join(" ", t.NotApproved.Select(n => $"{n.Key}:{n.Value}"))}, {t.Failovers} failovers");

        var survivor = nodes[0];
        // The killed node was downed by the split-brain resolver, the other one left: one member remains.
        await ClusterKit.EventuallyAsync(async () =>
        {
            var now = await SwitchCtlProcess.RunAsync(survivor, "cluster", "show", "--json");
            return now.ExitCode == 0 && now.Json.GetProperty("members").GetArrayLength() == 1;
        }, TimeSpan.FromSeconds(60), "the cluster still lists the killed or departed node");
        var date = await EndOfDayKit.CurrentDateAsync(survivor);
        foreach (var merchant in terminals.GroupBy(t => t.MerchantId))
        {
            var approvedByTerminals = merchant.SelectMany(t => t.Approved).ToDictionary(a => a.Key, a => a.Value);
            // The switch's journal: exactly the approvals the terminals received, each once, nothing else approved.
            var history = await survivor.Http.GetFromJsonAsync<JsonElement>($"/api/merchants/{merchant.Key}/transactions");
            var approvedInJournal = history.GetProperty("transactions").EnumerateArray()
                .Where(x => x.GetProperty("transaction").GetString() == "purchase" && x.GetProperty("status").GetString() == "approved")
                .Select(x => (Rrn: x.GetProperty("rrn").GetString()!, Amount: x.GetProperty("amountFen").GetInt64())).ToList();
            Assert.Equal(approvedInJournal.Count, approvedInJournal.Select(x => x.Rrn).Distinct().Count());
            Assert.Equal(approvedByTerminals.OrderBy(a => a.Key), approvedInJournal.ToDictionary(x => x.Rrn, x => x.Amount).OrderBy(a => a.Key));

            // The centre's ledger: each approval exactly once (an RRN found once), standing, same amount.
            foreach (var (rrn, amount) in approvedByTerminals)
            {
                var row = await cluster.Central.Http.GetFromJsonAsync<JsonElement>($"/transactions/{rrn}");
                Assert.True(row.GetProperty("approved").GetBoolean(), $"{rrn} not approved at the centre");
                Assert.False(row.GetProperty("reversed").GetBoolean(), $"{rrn} reversed at the centre");
                Assert.Equal(amount, row.GetProperty("amountFen").GetInt64());
            }
        }

        // Every batch balances with the switch (its totals survived the node changes).
        foreach (var t in terminals)
        {
            var settled = await t.Terminal.SettleAsync();
            Assert.True(settled.DomesticResult == 1, $"terminal {t.TerminalId}: batch not balanced ({settled.ResponseCode}, {settled.DomesticResult})");
        }

        // End of day on the surviving node reconciles with the centre: nothing only ours, nothing only theirs.
        var (status, _) = await EndOfDayKit.RunAsync(survivor, date);
        Assert.Equal(HttpStatusCode.Accepted, status);
        await EndOfDayKit.WaitForStateAsync(survivor, date, "closed", Patience);
        var reconciliation = await survivor.Http.GetFromJsonAsync<JsonElement>($"/api/eod/{date}/reconciliation.json");
        var summary = reconciliation.GetProperty("summary");
        output.WriteLine(summary.ToString());
        Assert.Equal(0, summary.GetProperty("onlyOurs").GetInt32());
        Assert.Equal(0, summary.GetProperty("onlyCentre").GetInt32());
        Assert.Equal(0, summary.GetProperty("amountMismatch").GetInt32());
        Assert.Equal(terminals.Sum(t => t.ApprovedCount), summary.GetProperty("matched").GetInt32());
    }

    private async Task WaitForApprovalsAsync(List<FailoverTerminal> terminals, List<Task> traffic, int more, string phase, int[]? baseline = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (terminals.Select((t, i) => t.ApprovedCount - (baseline?[i] ?? 0)).Min() < more)
        {
            if (traffic.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed; // a terminal's assertion failed: show it
            Assert.True(DateTime.UtcNow < deadline, $"{phase}: not every terminal got {more} approvals within {Patience}: "
                + string.Join(", ", terminals.Select((t, i) => $"{t.TerminalId} {t.ApprovedCount - (baseline?[i] ?? 0)}")));
            await Task.Delay(250);
        }
        output.WriteLine($"{phase}: every terminal approved {more} or more at {DateTime.UtcNow:HH:mm:ss}");
    }
}
