using System.Text;
using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Module;
using ActorSwitch.Security.SignOn;
using ActorSwitch.Testing;
using static ActorSwitch.Node.Tests.Pos.PosTestKit;

namespace ActorSwitch.Node.Tests.Pos;

/// <summary>
/// A crash (kill -9) loses nothing a terminal relies on: its working keys, its batch and the answers
/// for its repeats. And nothing that must stay secret is ever written down: a scan of the data
/// directory (journal, snapshots, the centre's ledger) and of the logs finds no clear key, PIN
/// block, track data or full PAN.
/// </summary>
public sealed class RestartAndSecretsTests
{
    [Fact]
    public async Task Keys_batch_and_repeat_detection_survive_a_kill_9_and_no_secret_is_ever_written()
    {
        await using var node = await NodeProcess.StartAsync();
        var merchantId = await RegisterMerchantAsync(node);
        var terminalId = NewTerminalId();
        await node.Http.PostAsync("/api/terminals", System.Net.Http.Json.JsonContent.Create(new { terminalId, merchantId, model = "PAX S90" }));
        var (tmkBlock, masterKey) = await FetchMasterKeyBlockAsync(node, merchantId, terminalId);
        await using var terminal = new PosTerminal(Options(node, merchantId, terminalId), masterKey);
        Assert.True(await terminal.ConnectAsync());
        var signOn = await terminal.SignOnAsync();
        Assert.Equal("00", signOn.ResponseCode);

        var swiped = TestCards.Swiped(NewCardSerial());
        var purchase = await terminal.PurchaseAsync(swiped, 1_500);
        Assert.Equal("00", purchase.ResponseCode);
        var keyed = await terminal.PurchaseAsync(Card(NewCardSerial()), 2_500);
        Assert.Equal("00", keyed.ResponseCode);

        await node.RestartAfterKillAsync();
        terminal.Disconnect(); // the terminal notices its connection died with the node, and dials again
        Assert.True(await terminal.ConnectAsync());

        // No new sign-on: the working keys and the batch are still the switch's.
        var after = await terminal.PurchaseAsync(Card(NewCardSerial()), 700);
        Assert.True(after.ResponseCode == "00", $"after the restart: {after.Outcome} {after.ResponseCode}\n{node.Diagnostics()}");
        Assert.True(after.MacVerified);
        // The repeat of a purchase from before the crash gets its stored answer, not a second approval.
        var repeat = await terminal.RepeatAsync(purchase);
        Assert.Equal(purchase.RetrievalReference, repeat.RetrievalReference);
        Assert.Equal(purchase.AuthorizationCode, repeat.AuthorizationCode);

        var secrets = Secrets(tmkBlock, signOn.Answer!.GetBytes(62).ToArray(), purchase, keyed);
        // The control: what may be written (the masked PAN) is found, so the scan does read the journal.
        var masked = Encoding.ASCII.GetBytes(PanMask.Mask(purchase.Card!.Pan));
        var maskedFound = false;
        foreach (var file in Directory.EnumerateFiles(node.DataDir, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            maskedFound |= bytes.AsSpan().IndexOf(masked) >= 0;
            foreach (var (name, pattern) in secrets)
                Assert.True(bytes.AsSpan().IndexOf(pattern) < 0, $"{name} found in {Path.GetRelativePath(node.DataDir, file)}");
        }
        Assert.True(maskedFound, "the masked PAN should be in the journal");
        var logs = Encoding.UTF8.GetBytes(node.Output);
        foreach (var (name, pattern) in secrets)
            Assert.True(logs.AsSpan().IndexOf(pattern) < 0, $"{name} found in the node's log");
    }

    /// <summary>Every form a secret could be written in: raw bytes, hex text, digits, packed BCD.</summary>
    private static List<(string Name, byte[] Pattern)> Secrets(string tmkBlock, byte[] field62, params TransactionResult[] results)
    {
        var list = new List<(string, byte[])>();
        void Key(string name, byte[] key)
        {
            list.Add((name, key));
            list.Add((name + " (hex)", Encoding.ASCII.GetBytes(Convert.ToHexString(key))));
        }
        Assert.True(Tr31KeyBlock.TryUnwrap(Convert.FromHexString(DemoKeys.KeyLoadingDeviceKbpk), tmkBlock, out var tmk, out _));
        Key("TMK", tmk!.Key);
        Assert.True(SignOnKeyField.TryRead(new DesCipher(tmk.Key), SignOnKeyLayout.DoubleLength, field62, out var pik, out var mak, out _));
        Key("PIK", pik);
        Key("MAK", mak);
        foreach (var r in results)
        {
            var pan = r.Card!.Pan;
            list.Add(("PAN", Encoding.ASCII.GetBytes(pan)));
            list.Add(("PAN (BCD)", Convert.FromHexString(pan.Length % 2 == 0 ? pan : pan + "0")[..8]));
            if (r.Request.Has(52))
            {
                list.Add(("PIN block", r.Request.GetBytes(52).ToArray()));
                list.Add(("PIN block (hex)", Encoding.ASCII.GetBytes(Convert.ToHexString(r.Request.GetBytes(52)))));
            }
            if (r.Card.Track2 is { } track)
            {
                list.Add(("track 2", Encoding.ASCII.GetBytes(track)));
                list.Add(("track 2 (BCD)", Convert.FromHexString(track.Replace('=', 'D')[..16])));
            }
        }
        return list;
    }

    private static async Task<(string Block, TerminalMasterKey Key)> FetchMasterKeyBlockAsync(NodeProcess node, string merchantId, string terminalId)
    {
        var response = await node.Http.PostAsync($"/api/merchants/{merchantId}/terminals/{terminalId}/tmk", null);
        var body = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);
        var block = body.GetProperty("keyBlock").GetString()!;
        return (block, TerminalMasterKey.FromKeyBlock(block, Convert.FromHexString(DemoKeys.KeyLoadingDeviceKbpk)));
    }
}
