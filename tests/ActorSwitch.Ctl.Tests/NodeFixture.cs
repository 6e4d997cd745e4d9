using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Security.Module;
using ActorSwitch.Testing;

namespace ActorSwitch.Ctl.Tests;

/// <summary>One node process (single-node cluster, dev mode, its own centre simulator) shared by a test class.</summary>
public sealed class NodeFixture : IAsyncLifetime
{
    public NodeProcess Node { get; private set; } = null!;

    /// <summary>The node's cluster address, as the operator API reports it.</summary>
    public string Address { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Node = await NodeProcess.StartAsync();
        var cluster = await Node.Http.GetFromJsonAsync<JsonElement>("/api/cluster");
        Address = cluster.GetProperty("self").GetString()!;
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

/// <summary>Registers merchants and terminals and connects them as POS terminals (as tests/ActorSwitch.Node.Tests does).</summary>
public static class Terminals
{
    private static readonly byte[] DemoKbpk = Convert.FromHexString(DemoKeys.KeyLoadingDeviceKbpk);

    public static string NewMerchantId() => "8" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);

    public static string NewTerminalId() => Random.Shared.Next(10_000_000, 99_999_999).ToString();

    /// <summary>A new merchant and terminal, registered; its name on switchctl's command line.</summary>
    public static async Task<(string MerchantId, string TerminalId)> RegisterAsync(NodeProcess node)
    {
        var merchantId = NewMerchantId();
        var merchant = await node.Http.PostAsJsonAsync("/api/merchants", new { merchantId, name = "Ctl Shop " + merchantId[^4..], mcc = "5411", feeRate = 60 });
        Assert.Equal(HttpStatusCode.Created, merchant.StatusCode);
        var terminalId = NewTerminalId();
        var terminal = await node.Http.PostAsJsonAsync("/api/terminals", new { terminalId, merchantId, model = "PAX S90" });
        Assert.Equal(HttpStatusCode.Created, terminal.StatusCode);
        return (merchantId, terminalId);
    }

    /// <summary>A registered terminal with its master key loaded, connected and signed on.</summary>
    public static async Task<PosTerminal> ConnectedAsync(NodeProcess node)
    {
        var (merchantId, terminalId) = await RegisterAsync(node);
        var response = await node.Http.PostAsync($"/api/merchants/{merchantId}/terminals/{terminalId}/tmk", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var key = TerminalMasterKey.FromKeyBlock(body.GetProperty("keyBlock").GetString()!, DemoKbpk, body.GetProperty("kcv").GetString());
        var terminal = new PosTerminal(new TerminalOptions
        {
            Host = "127.0.0.1",
            Port = node.PosPort,
            MerchantId = merchantId,
            TerminalId = terminalId,
            AnswerTimeout = TimeSpan.FromSeconds(30),
        }, key);
        Assert.True(await terminal.ConnectAsync());
        Assert.Equal("00", (await terminal.SignOnAsync()).ResponseCode);
        return terminal;
    }

    public static string Name(this PosTerminal terminal) => terminal.Options.MerchantId + "/" + terminal.Options.TerminalId;
}
