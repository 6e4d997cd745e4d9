using System.Text.Json;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Testing;

namespace ActorSwitch.Ctl.Tests;

/// <summary>
/// switchctl run as a process against a live node, checked for what an operator would notice in the
/// table and in the JSON: the node, its regions, where a terminal lives, a kick that really closes a
/// terminal's connection, the centre links and the store-and-forward depth, end of day, and clear
/// errors with non-zero exit codes.
/// </summary>
public sealed class SwitchCtlTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private NodeProcess Node => fixture.Node;

    private Task<SwitchCtlResult> Ctl(params string[] args) => SwitchCtlProcess.RunAsync(Node, args);

    private static void Succeeded(SwitchCtlResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Cluster_show_lists_this_node_up_and_leading()
    {
        var table = await Ctl("cluster", "show");
        Succeeded(table);
        Assert.Contains(fixture.Address, table.Stdout);
        Assert.Contains("Up", table.Stdout);
        Assert.Contains("leader", table.Stdout);
        Assert.Contains("All members reachable.", table.Stdout);

        var json = await Ctl("--json", "cluster", "show");
        Succeeded(json);
        Assert.Equal(fixture.Address, json.Json.GetProperty("self").GetString());
        Assert.Equal(fixture.Address, json.Json.GetProperty("leader").GetString());
        var member = Assert.Single(json.Json.GetProperty("members").EnumerateArray());
        Assert.Equal(fixture.Address, member.GetProperty("address").GetString());
        Assert.Equal("Up", member.GetProperty("status").GetString());
        Assert.True(member.GetProperty("reachable").GetBoolean());
        Assert.Contains("switch", member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Empty(json.Json.GetProperty("unreachable").EnumerateArray());
    }

    [Fact]
    public async Task Sharding_regions_and_stats_show_the_three_regions_on_this_node()
    {
        var table = await Ctl("sharding", "regions");
        Succeeded(table);
        Assert.Contains(fixture.Address, table.Stdout);
        foreach (var region in new[] { "terminal", "store-and-forward", "purse-card" }) Assert.Contains(region, table.Stdout);

        // The node wakes all 16 store-and-forward queues 2 s after it starts: they become entities on this node.
        var json = await Ctl("sharding", "regions", "--json");
        for (var i = 0; i < 20 && SafEntities(json) < 16; i++)
        {
            await Task.Delay(500);
            json = await Ctl("sharding", "regions", "--json");
        }
        Succeeded(json);
        Assert.Equal(fixture.Address, json.Json.GetProperty("node").GetString());
        var types = json.Json.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("type").GetString()).ToList();
        Assert.Equal(["terminal", "store-and-forward", "purse-card"], types);
        Assert.Equal(16, SafEntities(json));

        var stats = await Ctl("--json", "sharding", "stats");
        Succeeded(stats);
        var safStats = stats.Json.GetProperty("regions").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "store-and-forward");
        var node = Assert.Single(safStats.GetProperty("nodes").EnumerateArray());
        Assert.Equal(fixture.Address, node.GetProperty("address").GetString());
        Assert.Equal(16, node.GetProperty("entities").GetInt32());
        var statsTable = await Ctl("sharding", "stats");
        Succeeded(statsTable);
        Assert.Contains(fixture.Address, statsTable.Stdout);
    }

    [Fact]
    public async Task A_signed_on_terminal_is_located_on_this_node()
    {
        await using var terminal = await Terminals.ConnectedAsync(Node);
        var entityId = terminal.Options.MerchantId + ":" + terminal.Options.TerminalId;

        var json = await Ctl("--json", "sharding", "locate", terminal.Name());
        Succeeded(json);
        Assert.Equal(entityId, json.Json.GetProperty("entityId").GetString());
        Assert.InRange(int.Parse(json.Json.GetProperty("shardId").GetString()!), 0, 99);
        Assert.True(json.Json.GetProperty("allocated").GetBoolean());
        Assert.Equal(fixture.Address, json.Json.GetProperty("node").GetString());
        Assert.True(json.Json.GetProperty("entityRunning").GetBoolean());

        var table = await Ctl("sharding", "locate", terminal.Name());
        Succeeded(table);
        Assert.Contains(entityId, table.Stdout);
        Assert.Contains(fixture.Address, table.Stdout);
        Assert.Contains("running", table.Stdout);
    }

    [Fact]
    public async Task Kick_closes_the_terminals_connection_and_the_terminal_carries_on_after_reconnecting()
    {
        await using var terminal = await Terminals.ConnectedAsync(Node);
        Assert.Equal("00", (await terminal.EchoAsync()).ResponseCode);

        var kick = await Ctl("--json", "terminals", "kick", terminal.Name());
        Succeeded(kick);
        Assert.Equal(1, kick.Json.GetProperty("closed").GetInt32());
        var node = Assert.Single(kick.Json.GetProperty("nodes").EnumerateArray());
        Assert.Equal(fixture.Address, node.GetProperty("address").GetString());
        Assert.True(node.GetProperty("answered").GetBoolean());

        // The old connection is gone: the next request finds it closed...
        var cut = await terminal.EchoAsync();
        Assert.Equal(ExchangeOutcome.ConnectionClosed, cut.Outcome);
        // ...and the terminal reconnects and carries on with the keys of its sign-on.
        Assert.Equal("00", (await terminal.EchoAsync()).ResponseCode);

        // The new connection is known too: a second kick closes it, said in the table.
        var again = await Ctl("terminals", "kick", terminal.Name());
        Succeeded(again);
        Assert.Contains("1 connection(s) closed", again.Stdout);
        Assert.Contains(fixture.Address, again.Stdout);
        Assert.Equal(ExchangeOutcome.ConnectionClosed, (await terminal.EchoAsync()).Outcome);

        // A terminal with no connection: nothing to close, and that is no error.
        var (merchantId, terminalId) = await Terminals.RegisterAsync(Node);
        var idle = await Ctl("--json", "terminals", "kick", $"{merchantId}/{terminalId}");
        Succeeded(idle);
        Assert.Equal(0, idle.Json.GetProperty("closed").GetInt32());
    }

    [Fact]
    public async Task Links_show_four_links_up_and_an_empty_store_and_forward()
    {
        var json = await Ctl("--json", "links", "show");
        Succeeded(json);
        var node = Assert.Single(json.Json.GetProperty("nodes").EnumerateArray());
        Assert.Equal(fixture.Address, node.GetProperty("address").GetString());
        Assert.True(node.GetProperty("answered").GetBoolean());
        Assert.Equal(4, node.GetProperty("configured").GetInt32());
        Assert.Equal(4, node.GetProperty("signedOn").GetInt32());
        var links = node.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(4, links.Count);
        Assert.All(links, l =>
        {
            Assert.True(l.GetProperty("up").GetBoolean());
            Assert.Equal("signed-on", l.GetProperty("state").GetString());
        });
        var saf = json.Json.GetProperty("storeAndForward");
        Assert.Equal(0, saf.GetProperty("depth").GetInt32());
        Assert.True(saf.GetProperty("allAnswered").GetBoolean());
        var queues = saf.GetProperty("queues").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 16).Select(i => $"saf-{i:D2}"), queues.Select(q => q.GetProperty("queueId").GetString()));
        Assert.All(queues, q => Assert.Equal(0, q.GetProperty("depth").GetInt32()));

        var table = await Ctl("links", "show");
        Succeeded(table);
        Assert.Contains($"{fixture.Address}: 4 of 4 links up", table.Stdout);
        Assert.Equal(4, table.Stdout.Split('\n').Count(l => l.Contains("signed-on")));
        Assert.Contains("saf-15", table.Stdout);
        Assert.Contains("Store-and-forward depth: 0.", table.Stdout);
    }

    [Fact]
    public async Task Eod_status_shows_the_current_day_open()
    {
        var json = await Ctl("--json", "eod", "status");
        Succeeded(json);
        var today = json.Json.GetProperty("currentSettlementDate").GetString()!;
        var day = json.Json.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("date").GetString() == today);
        Assert.Equal("open", day.GetProperty("state").GetString());

        var table = await Ctl("eod", "status");
        Succeeded(table);
        Assert.Contains($"Current settlement day: {today}", table.Stdout);
        var row = Assert.Single(table.Stdout.Split('\n'), l => l.Contains($"{today} (current)"));
        Assert.Contains("open", row);

        // A run for a date that is not one is refused naming the field; nothing starts.
        var bad = await Ctl("eod", "run", "--date", "2026-02-30");
        Assert.Equal(5, bad.ExitCode);
        Assert.Contains("date", bad.Stderr);
        Assert.Equal("", bad.Stdout);
    }

    [Fact]
    public async Task Terminals_list_show_freeze_and_reactivate()
    {
        var (merchantId, terminalId) = await Terminals.RegisterAsync(Node);
        var name = $"{merchantId}/{terminalId}";

        var list = await Ctl("terminals", "list", "--merchant", merchantId);
        Succeeded(list);
        Assert.Contains(name, list.Stdout);
        Assert.Contains("1 terminal(s) of merchant " + merchantId, list.Stdout);
        var listJson = await Ctl("--json", "terminals", "list", "--merchant", merchantId);
        Succeeded(listJson);
        Assert.Equal(terminalId, Assert.Single(listJson.Json.GetProperty("items").EnumerateArray()).GetProperty("terminalId").GetString());

        var frozen = await Ctl("terminals", "freeze", name);
        Succeeded(frozen);
        Assert.Contains($"Terminal {name} is now frozen.", frozen.Stdout);

        var show = await Ctl("--json", "terminals", "show", name);
        Succeeded(show);
        Assert.Equal("frozen", show.Json.GetProperty("terminal").GetProperty("status").GetString());
        Assert.False(show.Json.GetProperty("state").GetProperty("signedOn").GetBoolean());

        var reactivated = await Ctl("terminals", "reactivate", name);
        Succeeded(reactivated);
        Assert.Contains("active", reactivated.Stdout);
        var showTable = await Ctl("terminals", "show", name);
        Succeeded(showTable);
        Assert.Contains("PAX S90", showTable.Stdout);
        Assert.Contains("active", showTable.Stdout);
    }

    [Fact]
    public async Task Health_says_the_node_is_ready()
    {
        var table = await Ctl("health");
        Succeeded(table);
        Assert.Contains("ready", table.Stdout);
        var json = await Ctl("health", "--json");
        Succeeded(json);
        Assert.True(json.Json.GetProperty("ready").GetBoolean());
        Assert.Equal("up", json.Json.GetProperty("liveness").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_wrong_token_is_a_clear_401_message_and_exit_code_4()
    {
        var result = await SwitchCtlProcess.RunAsync(["--node", $"http://127.0.0.1:{Node.AdminPort}", "--token", "not-the-token", "cluster", "show"]);
        Assert.Equal(4, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("401", result.Stderr);
        Assert.Contains("refused the token", result.Stderr);
        Assert.Contains("--token", result.Stderr);
        NoStackTrace(result);

        // The token from the environment is used when --token is not given.
        var fromEnv = await SwitchCtlProcess.RunAsync(["cluster", "show"], new Dictionary<string, string?>
        {
            ["SWITCHCTL_NODE"] = $"http://127.0.0.1:{Node.AdminPort}",
            ["SWITCHCTL_TOKEN"] = "also-wrong",
        });
        Assert.Equal(4, fromEnv.ExitCode);
        NoStackTrace(fromEnv);
    }

    [Fact]
    public async Task Bad_input_and_unknown_ids_are_named_with_their_own_exit_codes()
    {
        var badMerchant = await Ctl("sharding", "locate", "123/50080001");
        Assert.Equal(5, badMerchant.ExitCode);
        Assert.Contains("merchantId", badMerchant.Stderr);
        NoStackTrace(badMerchant);

        var unknown = await Ctl("terminals", "kick", $"{Terminals.NewMerchantId()}/{Terminals.NewTerminalId()}");
        Assert.Equal(6, unknown.ExitCode);
        Assert.Contains("terminalId", unknown.Stderr);

        var notAMember = await Ctl("cluster", "leave", "127.0.0.1:1");
        Assert.Equal(5, notAMember.ExitCode);
        Assert.Contains("address", notAMember.Stderr);
        Assert.Contains("not a member", notAMember.Stderr);

        var usage = await Ctl("terminals", "show", "no-slash");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("merchantId/terminalId", usage.Stderr);
        var unknownCommand = await Ctl("terminals", "explode");
        Assert.Equal(2, unknownCommand.ExitCode);
        NoStackTrace(unknownCommand);
    }

    [Fact]
    public async Task A_node_that_is_not_there_is_exit_code_3()
    {
        var port = FreePort.Next(); // claimed, never listened on
        var result = await SwitchCtlProcess.RunAsync(["--node", $"http://127.0.0.1:{port}", "health"]);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot reach the node", result.Stderr);
        NoStackTrace(result);
    }

    private static int SafEntities(SwitchCtlResult regions) => regions.Json.GetProperty("regions").EnumerateArray()
        .Single(r => r.GetProperty("type").GetString() == "store-and-forward").GetProperty("entities").GetInt32();

    private static void NoStackTrace(SwitchCtlResult result)
    {
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
    }
}
