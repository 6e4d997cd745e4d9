using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorSwitch.Node.Tests.Pos;
using ActorSwitch.PosSim.Terminal;
using Xunit.Abstractions;

namespace ActorSwitch.Node.Tests.Cluster;

/// <summary>
/// The per-card limits hold across the cluster: a card used at two terminals whose entities live on
/// different nodes is counted once, not once per node.
/// </summary>
[Collection("cluster")]
public sealed class ClusterRiskTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_cards_velocity_limit_counts_its_attempts_on_every_node()
    {
        await using var cluster = await ClusterKit.StartAsync(2, "actorswitch.risk.card.velocity-count = 3");
        var nodes = cluster.Nodes;
        var merchant = await PosTestKit.RegisterMerchantAsync(nodes[0]);

        // Terminals until two have their entities on different nodes (sharding decides where).
        var byNode = new Dictionary<string, PosTerminal>();
        for (var i = 0; i < 16 && byNode.Count < 2; i++)
        {
            var terminalId = PosTestKit.NewTerminalId();
            var created = await nodes[0].Http.PostAsJsonAsync("/api/terminals", new { terminalId, merchantId = merchant, model = "PAX S90" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            // Known to the other node once it has read the registry's journal (it polls every second).
            await ClusterKit.EventuallyAsync(async () => (await nodes[1].Http.GetAsync($"/api/merchants/{merchant}/terminals/{terminalId}")).IsSuccessStatusCode,
                TimeSpan.FromSeconds(10), $"terminal {terminalId} not known to node 2 after 10 s");
            var terminal = new PosTerminal(PosTestKit.Options(nodes[i % 2], merchant, terminalId),
                await PosTestKit.FetchMasterKeyAsync(nodes[0], merchant, terminalId));
            Assert.Equal("00", (await terminal.SignOnAsync()).ResponseCode);
            var located = await nodes[0].Http.GetFromJsonAsync<JsonElement>($"/api/sharding/locate/{merchant}/{terminalId}");
            var node = located.GetProperty("node").GetString()!;
            if (!byNode.TryAdd(node, terminal)) await terminal.DisposeAsync();
        }
        Assert.True(byNode.Count == 2, "sharding put 16 terminals on one node");
        var (first, second) = (byNode.Values.First(), byNode.Values.Last());
        output.WriteLine($"terminal entities on {string.Join(" and ", byNode.Keys)}");

        var card = PosTestKit.Card(PosTestKit.NewCardSerial());
        Assert.Equal("00", (await first.PurchaseAsync(card, 100)).ResponseCode);
        Assert.Equal("00", (await first.PurchaseAsync(card, 200)).ResponseCode);
        await Task.Delay(1_000); // the counters travel every 100 ms
        Assert.Equal("00", (await second.PurchaseAsync(card, 300)).ResponseCode);
        // The fourth attempt within the minute: 65 on the other node too.
        Assert.Equal("65", (await second.PurchaseAsync(card, 400)).ResponseCode);
        await Task.Delay(1_000); // the second node's attempt travels back
        Assert.Equal("65", (await first.PurchaseAsync(card, 500)).ResponseCode);
        foreach (var t in byNode.Values) await t.DisposeAsync();
    }
}
