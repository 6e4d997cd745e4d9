using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Security.Module;
using ActorSwitch.Security.SignOn;
using ActorSwitch.Testing;

namespace ActorSwitch.Node.Tests.Pos;

/// <summary>
/// Puts terminals on a running node the way operations staff and a key-loading device would:
/// register the merchant and the terminal, fetch its TMK as a TR-31 block, load it into the
/// simulated terminal under the demo KBPK, connect and sign on.
/// </summary>
public static class PosTestKit
{
    private static readonly byte[] DemoKbpk = Convert.FromHexString(DemoKeys.KeyLoadingDeviceKbpk);

    public static string NewMerchantId() => "8" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999);

    public static string NewTerminalId() => Random.Shared.Next(10_000_000, 99_999_999).ToString();

    public static async Task<string> RegisterMerchantAsync(NodeProcess node, string mcc = "5411", string? merchantId = null)
    {
        merchantId ??= NewMerchantId();
        var response = await node.Http.PostAsJsonAsync("/api/merchants", new { merchantId, name = "Test Shop " + merchantId[^4..], mcc, feeRate = 60 });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return merchantId;
    }

    /// <summary>Registers (merchant and) terminal, loads its TMK and returns the terminal, connected and signed on.</summary>
    public static async Task<PosTerminal> NewTerminalAsync(NodeProcess node, string? merchantId = null, string model = "PAX S90",
        string mcc = "5411", SignOnKeyLayout layout = SignOnKeyLayout.DoubleLength, bool signOn = true, TimeSpan? answerTimeout = null)
    {
        merchantId ??= await RegisterMerchantAsync(node, mcc);
        var terminalId = NewTerminalId();
        var created = await node.Http.PostAsJsonAsync("/api/terminals", new { terminalId, merchantId, model });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var terminal = new PosTerminal(Options(node, merchantId, terminalId, layout, answerTimeout), await FetchMasterKeyAsync(node, merchantId, terminalId));
        Assert.True(await terminal.ConnectAsync());
        if (signOn)
        {
            var result = await terminal.SignOnAsync();
            Assert.Equal("00", result.ResponseCode);
        }
        return terminal;
    }

    public static TerminalOptions Options(NodeProcess node, string merchantId, string terminalId,
        SignOnKeyLayout layout = SignOnKeyLayout.DoubleLength, TimeSpan? answerTimeout = null) => new()
    {
        Host = "127.0.0.1",
        Port = node.PosPort,
        MerchantId = merchantId,
        TerminalId = terminalId,
        SignOnLayout = layout,
        AnswerTimeout = answerTimeout ?? TimeSpan.FromSeconds(30),
    };

    public static async Task<TerminalMasterKey> FetchMasterKeyAsync(NodeProcess node, string merchantId, string terminalId)
    {
        var response = await node.Http.PostAsync($"/api/merchants/{merchantId}/terminals/{terminalId}/tmk", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var block = body.GetProperty("keyBlock").GetString()!;
        Assert.StartsWith("D", block);
        Assert.Equal("K0TB00N0000", block[5..16]);
        return TerminalMasterKey.FromKeyBlock(block, DemoKbpk, body.GetProperty("kcv").GetString());
    }

    /// <summary>A test card of the centre simulator, keyed with its PIN (F22 = 011).</summary>
    public static Card Card(int serial, string? pin = TestCards.Pin) => TestCards.Keyed(serial) with { Pin = pin };

    /// <summary>Test cards are spread so that tests running at once rarely share one.</summary>
    public static int NewCardSerial() => Random.Shared.Next(2000, 9999);
}
