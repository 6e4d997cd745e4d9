using ActorSwitch.Testing;
using static ActorSwitch.Node.Tests.Pos.PosTestKit;

namespace ActorSwitch.Node.Tests.Pos;

/// <summary>The link renews its zone keys on schedule (0800/101) and PIN transactions go on under the new keys.</summary>
public sealed class KeyChangeTests
{
    [Fact]
    public async Task Zone_keys_are_renewed_on_schedule_without_disturbing_traffic()
    {
        await using var central = await CentralProcess.StartAsync();
        var config = Path.Combine(Directory.CreateTempSubdirectory("actorswitch-keys-").FullName, "keys.conf");
        await File.WriteAllTextAsync(config, "actorswitch.centre.key-change-interval = 2s");
        await using var node = await NodeProcess.StartAsync("--central", central.Address, "--config", config);
        await using var terminal = await NewTerminalAsync(node);

        var before = await GenerationAsync(central);
        Assert.Equal("00", (await terminal.PurchaseAsync(Card(NewCardSerial()), 100)).ResponseCode);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var after = await GenerationAsync(central);
        Assert.True(after >= before + 4, $"key generation {before} -> {after}: every connection should have changed keys");

        // PIN blocks translate to, and MACs verify under, the new keys.
        for (var i = 0; i < 5; i++) Assert.Equal("00", (await terminal.PurchaseAsync(Card(NewCardSerial()), 100)).ResponseCode);
        Assert.Equal("55", (await terminal.PurchaseAsync(Card(NewCardSerial(), pin: "111111"), 100)).ResponseCode);
    }

    private static async Task<int> GenerationAsync(CentralProcess central)
    {
        var status = await central.GetJsonAsync("/status");
        return status.GetProperty("institutions").EnumerateArray()
            .Where(i => i.GetProperty("institution").GetString() == "48020000")
            .Select(i => i.GetProperty("keyGeneration").GetInt32()).Single();
    }
}
