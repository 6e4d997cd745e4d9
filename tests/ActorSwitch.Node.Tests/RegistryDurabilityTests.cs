using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorSwitch.Testing;

namespace ActorSwitch.Node.Tests;

public sealed class RegistryDurabilityTests
{
    [Fact]
    public async Task Registrations_and_freezes_survive_a_kill_9()
    {
        await using var node = await NodeProcess.StartAsync();
        const string merchantId = "309310083985008";
        Assert.Equal(HttpStatusCode.Created, (await node.Http.PostAsJsonAsync("/api/merchants",
            new { merchantId, name = "Durable", mcc = "5812", feeRate = 35 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await node.Http.PostAsJsonAsync("/api/terminals",
            new { terminalId = "50080001", merchantId, model = "Newland N910" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await node.Http.PostAsync($"/api/merchants/{merchantId}/terminals/50080001/freeze", null)).StatusCode);

        // The journal runs in WAL mode (readers never hold the writer's lock): its log file exists.
        Assert.True(File.Exists(Path.Combine(node.DataDir, "journal.db-wal")), "journal.db is not in WAL mode");

        // Confirmed means durable: a crash right after the answers loses none of them.
        await node.RestartAfterKillAsync();

        var merchant = await node.Http.GetFromJsonAsync<JsonElement>($"/api/merchants/{merchantId}");
        Assert.Equal("Durable", merchant.GetProperty("name").GetString());
        Assert.Equal(35, merchant.GetProperty("feeRate").GetInt32());
        var terminal = await node.Http.GetFromJsonAsync<JsonElement>($"/api/merchants/{merchantId}/terminals/50080001");
        Assert.Equal("frozen", terminal.GetProperty("status").GetString());
        Assert.Equal("Newland N910", terminal.GetProperty("model").GetString());
    }
}
