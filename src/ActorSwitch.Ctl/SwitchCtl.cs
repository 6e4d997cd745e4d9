using System.CommandLine;
using System.Net;
using System.Text.Json;
using Spectre.Console;

namespace ActorSwitch.Ctl;

/// <summary>
/// The command tree: <c>cluster show|leave|down</c>, <c>sharding regions|stats|locate</c>,
/// <c>terminals list|show|freeze|reactivate|kick</c>, <c>links show</c>, <c>eod status|run</c>, <c>health</c>.
/// Every command talks to one node's operator API; any node answers for the whole cluster.
/// </summary>
public static class SwitchCtl
{
    public const string DefaultNode = "http://127.0.0.1:5880";
    public const string DevToken = "dev-admin-token";

    private static readonly Option<string> NodeOption = new("--node")
    {
        Description = $"The node's operator API, http://host:port (default: $SWITCHCTL_NODE, else {DefaultNode})",
        Recursive = true,
        HelpName = "url",
    };

    private static readonly Option<string> TokenOption = new("--token")
    {
        Description = $"The operator API's bearer token (default: $SWITCHCTL_TOKEN; if neither is given, the development token {DevToken}, which only a node in --dev mode accepts)",
        Recursive = true,
        HelpName = "token",
    };

    private static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Print the node's answer as JSON instead of tables",
        Recursive = true,
    };

    private static readonly Option<int> TimeoutOption = new("--timeout")
    {
        Description = "Seconds to wait for the node's answer",
        Recursive = true,
        DefaultValueFactory = _ => 30,
        HelpName = "seconds",
    };

    /// <summary>Runs switchctl; the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? error = null, CancellationToken cancel = default)
    {
        error ??= Console.Error;
        var root = Build(error);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && !AsksForHelp(args))
        {
            foreach (var e in parsed.Errors) await error.WriteLineAsync("switchctl: " + e.Message);
            await error.WriteLineAsync("Try 'switchctl --help', or --help after a command.");
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancel);
    }

    private static bool AsksForHelp(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");

    public static RootCommand Build(TextWriter error)
    {
        var root = new RootCommand("switchctl: operate an ActorSwitch cluster through any node's operator API.")
        {
            NodeOption, TokenOption, JsonOption, TimeoutOption,
        };

        var terminalArgument = () => new Argument<string>("terminal") { Description = $"The terminal: {TerminalName.Format}" };

        // ---- cluster ----
        var cluster = new Command("cluster", "Cluster membership");
        var clusterShow = new Command("show", "The members, their status and reachability, the leader");
        clusterShow.SetAction(Action(error, ClusterShowAsync));
        cluster.Add(clusterShow);
        foreach (var (name, verb, description) in new[]
        {
            ("leave", "leave", "Ask a member to leave gracefully (its shards are handed off first)"),
            ("down", "down", "Mark a member down (for a node that is dead; its shards move elsewhere)"),
        })
        {
            var node = new Argument<string>("node") { Description = "The member: akka.tcp://actorswitch@host:port, or its host:port (as cluster show lists it)" };
            var command = new Command(name, description) { node };
            command.SetAction(Action(error, (ctx, r) => ClusterChangeAsync(ctx, verb, r.GetValue(node)!)));
            cluster.Add(command);
        }
        root.Add(cluster);

        // ---- sharding ----
        var sharding = new Command("sharding", "Cluster sharding: regions, shards and entities");
        var regions = new Command("regions", "The shard regions of the node asked: shards and entities it hosts");
        regions.SetAction(Action(error, ShardingRegionsAsync));
        var stats = new Command("stats", "Shards and entities of every region, node by node, across the cluster");
        stats.SetAction(Action(error, ShardingStatsAsync));
        var locateTerminal = terminalArgument();
        var locate = new Command("locate", "Where a terminal's entity lives: its entity id, shard and node") { locateTerminal };
        locate.SetAction(Action(error, (ctx, r) => LocateAsync(ctx, TerminalName.Parse(r.GetValue(locateTerminal)))));
        sharding.Add(regions);
        sharding.Add(stats);
        sharding.Add(locate);
        root.Add(sharding);

        // ---- terminals ----
        var terminals = new Command("terminals", "Registered terminals");
        var merchant = new Option<string>("--merchant") { Description = "Only this merchant's terminals (merchant id, F42)", HelpName = "merchantId" };
        var page = new Option<int>("--page") { Description = "Page number, from 1", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--page-size") { Description = "Terminals per page (1 to 500)", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "List terminals, a page at a time") { merchant, page, pageSize };
        list.SetAction(Action(error, (ctx, r) => TerminalsListAsync(ctx, r.GetValue(merchant), r.GetValue(page), r.GetValue(pageSize))));
        terminals.Add(list);

        var showTerminal = terminalArgument();
        var show = new Command("show", "A terminal's registration and live state (master key, sign-on, batch, open transactions)") { showTerminal };
        show.SetAction(Action(error, (ctx, r) => TerminalShowAsync(ctx, TerminalName.Parse(r.GetValue(showTerminal)))));
        terminals.Add(show);

        var freezeTerminal = terminalArgument();
        var freeze = new Command("freeze", "Freeze a terminal: its transactions are refused until it is reactivated") { freezeTerminal };
        freeze.SetAction(Action(error, (ctx, r) => TerminalFreezeAsync(ctx, TerminalName.Parse(r.GetValue(freezeTerminal)), frozen: true)));
        terminals.Add(freeze);

        var reactivateTerminal = terminalArgument();
        var reactivate = new Command("reactivate", "Reactivate a frozen terminal") { reactivateTerminal };
        reactivate.SetAction(Action(error, (ctx, r) => TerminalFreezeAsync(ctx, TerminalName.Parse(r.GetValue(reactivateTerminal)), frozen: false)));
        terminals.Add(reactivate);

        var kickTerminal = terminalArgument();
        var kick = new Command("kick", "Close the terminal's open POS connections on every node (it reconnects and carries on)") { kickTerminal };
        kick.SetAction(Action(error, (ctx, r) => TerminalKickAsync(ctx, TerminalName.Parse(r.GetValue(kickTerminal)))));
        terminals.Add(kick);
        root.Add(terminals);

        // ---- links ----
        var links = new Command("links", "The centre links");
        var linksShow = new Command("show", "Every node's connections to the centre, and the store-and-forward queues' depth");
        linksShow.SetAction(Action(error, LinksShowAsync));
        links.Add(linksShow);
        root.Add(links);

        // ---- eod ----
        var eod = new Command("eod", "End of day");
        var eodStatus = new Command("status", "Each settlement day's state (open, running, closed) and step");
        eodStatus.SetAction(Action(error, EodStatusAsync));
        var date = new Option<string>("--date") { Description = "The settlement day to close, YYYY-MM-DD (default: the current one, cut off now)", HelpName = "date" };
        var eodRun = new Command("run", "Start end of day") { date };
        eodRun.SetAction(Action(error, (ctx, r) => EodRunAsync(ctx, r.GetValue(date))));
        eod.Add(eodStatus);
        eod.Add(eodRun);
        root.Add(eod);

        // ---- health ----
        var health = new Command("health", "Liveness and readiness of the node (exit code 1 when it is not ready)");
        health.SetAction(Action(error, HealthAsync));
        root.Add(health);

        return root;
    }

    // ---- plumbing -------------------------------------------------------------------------------

    private sealed record Context(NodeClient Api, Output Out, CancellationToken Cancel);

    private static Func<ParseResult, CancellationToken, Task<int>> Action(TextWriter error, Func<Context, Task<int>> run) =>
        Action(error, (ctx, _) => run(ctx));

    /// <summary>Resolves the global options, runs the command, and turns every expected failure into a message and an exit code.</summary>
    private static Func<ParseResult, CancellationToken, Task<int>> Action(TextWriter error, Func<Context, ParseResult, Task<int>> run) =>
        async (result, cancel) =>
        {
            try
            {
                var nodeText = result.GetValue(NodeOption) is { Length: > 0 } n ? n
                    : Environment.GetEnvironmentVariable("SWITCHCTL_NODE") is { Length: > 0 } envNode ? envNode : DefaultNode;
                if (!Uri.TryCreate(nodeText.EndsWith('/') ? nodeText : nodeText + "/", UriKind.Absolute, out var node) ||
                    node.Scheme is not ("http" or "https"))
                    throw new CtlException(ExitCodes.Usage, $"--node must be the node's operator API as http://host:port, not '{nodeText}'");
                var token = result.GetValue(TokenOption) is { Length: > 0 } t ? t
                    : Environment.GetEnvironmentVariable("SWITCHCTL_TOKEN") is { Length: > 0 } envToken ? envToken : null;
                var seconds = result.GetValue(TimeoutOption);
                if (seconds < 1) throw new CtlException(ExitCodes.Usage, "--timeout must be 1 second or more");
                using var api = new NodeClient(node, token ?? DevToken, defaultToken: token is null, TimeSpan.FromSeconds(seconds));
                return await run(new Context(api, Output.ForProcess(result.GetValue(JsonOption)), cancel), result);
            }
            catch (CtlException e)
            {
                await error.WriteLineAsync("switchctl: " + e.Message);
                return e.ExitCode;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                await error.WriteLineAsync("switchctl: interrupted");
                return 130;
            }
        };

    // ---- cluster --------------------------------------------------------------------------------

    private static async Task<int> ClusterShowAsync(Context ctx)
    {
        var cluster = await ctx.Api.GetAsync("api/cluster", ctx.Cancel);
        if (ctx.Out.Json) { ctx.Out.WriteJson(cluster); return ExitCodes.Ok; }

        ctx.Out.Line($"Asked node: {cluster.Str("self")}    Leader: {cluster.Str("leader") ?? "none"}    Oldest: {cluster.Str("oldest") ?? "none"}");
        var table = Output.Table("Address", "Status", "Reachable", "Roles", "Age", "Leader", "Asked");
        foreach (var m in cluster.Arr("members"))
        {
            var status = m.Str("status") ?? "?";
            Output.Row(table, Output.Cell(m.Str("address")), Output.State(status == "Up", status),
                Output.State(m.Bool("reachable"), m.Bool("reachable") ? "yes" : "NO"), Output.Cell(m.Strings("roles")),
                Output.Cell(m.Int("age").ToString()), Output.Cell(m.Bool("isLeader") ? "leader" : ""), Output.Cell(m.Bool("isSelf") ? "*" : ""));
        }
        ctx.Out.Write(table);
        var unreachable = cluster.Arr("unreachable").Select(u => u.GetString()).ToList();
        ctx.Out.Line(unreachable.Count == 0 ? "All members reachable." : "Unreachable: " + string.Join(", ", unreachable));
        return ExitCodes.Ok;
    }

    private static async Task<int> ClusterChangeAsync(Context ctx, string verb, string node)
    {
        var answer = await ctx.Api.PostAsync("api/cluster/" + verb, new { address = node }, ctx.Cancel);
        if (ctx.Out.Json) { ctx.Out.WriteJson(answer); return ExitCodes.Ok; }
        ctx.Out.Line(verb == "leave"
            ? $"Leave issued for {answer.Str("address")}: its shards are handed off, then it leaves (watch with: switchctl cluster show)."
            : $"Down issued for {answer.Str("address")}: its shards will be allocated to the remaining members.");
        return ExitCodes.Ok;
    }

    // ---- sharding -------------------------------------------------------------------------------

    private static async Task<int> ShardingRegionsAsync(Context ctx)
    {
        var regions = await ctx.Api.GetAsync("api/sharding/regions", ctx.Cancel);
        if (ctx.Out.Json) { ctx.Out.WriteJson(regions); return ExitCodes.Ok; }

        ctx.Out.Line($"Shard regions on {regions.Str("node")}");
        var table = Output.Table("Region", "Shards", "Entities", "Shard ids (entities)", "Failed shards");
        foreach (var r in regions.Arr("regions"))
        {
            var shards = string.Join(" ", r.Arr("shardList").Select(s => $"{s.Str("shardId")}({s.Int("entities")})"));
            Output.Row(table, r.Str("type"), r.Int("shards").ToString(), r.Int("entities").ToString(),
                r.Str("error") ?? shards, r.Strings("failedShards"));
        }
        ctx.Out.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> ShardingStatsAsync(Context ctx)
    {
        var stats = await ctx.Api.GetAsync("api/sharding/stats", ctx.Cancel);
        if (ctx.Out.Json) { ctx.Out.WriteJson(stats); return ExitCodes.Ok; }

        var table = Output.Table("Region", "Node", "Shards", "Entities", "Failed shards");
        foreach (var r in stats.Arr("regions"))
        {
            if (r.Str("error") is { } e) { Output.Row(table, r.Str("type"), e, "", "", ""); continue; }
            foreach (var n in r.Arr("nodes"))
                Output.Row(table, r.Str("type"), n.Str("address"), n.Int("shards").ToString(), n.Int("entities").ToString(), n.Strings("failedShards"));
            Output.Row(table, r.Str("type"), "(cluster)", r.Int("shards").ToString(), r.Int("entities").ToString(), "");
        }
        ctx.Out.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> LocateAsync(Context ctx, TerminalName terminal)
    {
        var located = await ctx.Api.GetAsync($"api/sharding/locate/{Uri.EscapeDataString(terminal.MerchantId)}/{Uri.EscapeDataString(terminal.TerminalId)}", ctx.Cancel);
        if (ctx.Out.Json) { ctx.Out.WriteJson(located); return ExitCodes.Ok; }

        var running = located.Obj("entityRunning").ValueKind switch
        {
            JsonValueKind.True => "running",
            JsonValueKind.False => "not running (passivated; it starts on the terminal's next request)",
            _ => "unknown",
        };
        ctx.Out.Write(Output.Properties([
            ("Terminal", terminal.ToString()),
            ("Entity id", located.Str("entityId")),
            ("Shard", located.Str("shardId")),
            ("Node", located.Str("node")),
            ("Entities in the shard", located.Bool("allocated") ? located.Int("shardEntities").ToString() : null),
            ("Entity", located.Bool("allocated") ? running : "not started anywhere"),
        ]));
        return ExitCodes.Ok;
    }

    // ---- terminals ------------------------------------------------------------------------------

    private static async Task<int> TerminalsListAsync(Context ctx, string? merchant, int page, int pageSize)
    {
        var query = $"api/terminals?page={page}&pageSize={pageSize}" + (merchant is { Length: > 0 } ? "&merchantId=" + Uri.EscapeDataString(merchant) : "");
        var list = await ctx.Api.GetAsync(query, ctx.Cancel);
        if (ctx.Out.Json) { ctx.Out.WriteJson(list); return ExitCodes.Ok; }

        var table = Output.Table("Terminal", "Merchant", "Terminal id", "Model", "Status");
        foreach (var t in list.Arr("items"))
        {
            var status = t.Str("status") ?? "?";
            Output.Row(table, Output.Cell($"{t.Str("merchantId")}/{t.Str("terminalId")}"), Output.Cell(t.Str("merchantId")),
                Output.Cell(t.Str("terminalId")), Output.Cell(t.Str("model")), Output.State(status == "active", status));
        }
        ctx.Out.Write(table);
        var total = list.Int("total");
        var size = Math.Max(1, list.Int("pageSize"));
        ctx.Out.Line($"Page {list.Int("page")} of {Math.Max(1, (total + size - 1) / size)}: {total} terminal(s){(merchant is { Length: > 0 } ? " of merchant " + merchant : "")}.");
        return ExitCodes.Ok;
    }

    private static async Task<int> TerminalShowAsync(Context ctx, TerminalName terminal)
    {
        var registered = await ctx.Api.GetAsync("api/" + terminal.ApiPath, ctx.Cancel);
        var state = await ctx.Api.GetAsync("api/" + terminal.ApiPath + "/state", ctx.Cancel);
        if (ctx.Out.Json) { ctx.Out.WriteJson(new { terminal = registered, state }); return ExitCodes.Ok; }

        ctx.Out.Write(Output.Properties([
            ("Terminal", terminal.ToString()),
            ("Merchant", registered.Str("merchantId")),
            ("Terminal id", registered.Str("terminalId")),
            ("Model", registered.Str("model")),
            ("Status", registered.Str("status")),
            ("Master key loaded", state.Str("hasMasterKey")),
            ("Signed on", state.Str("signedOn")),
            ("Batch", state.Str("batch")),
            ("Open transactions", state.Str("openTransactions")),
            ("Known transactions", state.Str("knownTransactions")),
        ]));
        return ExitCodes.Ok;
    }

    private static async Task<int> TerminalFreezeAsync(Context ctx, TerminalName terminal, bool frozen)
    {
        var answer = await ctx.Api.PostAsync("api/" + terminal.ApiPath + (frozen ? "/freeze" : "/reactivate"), null, ctx.Cancel);
        if (ctx.Out.Json) { ctx.Out.WriteJson(answer); return ExitCodes.Ok; }
        ctx.Out.Line($"Terminal {terminal} is now {answer.Str("status")}.");
        return ExitCodes.Ok;
    }

    private static async Task<int> TerminalKickAsync(Context ctx, TerminalName terminal)
    {
        var answer = await ctx.Api.PostAsync("api/" + terminal.ApiPath + "/kick", null, ctx.Cancel);
        if (ctx.Out.Json) { ctx.Out.WriteJson(answer); return ExitCodes.Ok; }

        var table = Output.Table("Node", "Connections closed", "Answer");
        foreach (var n in answer.Arr("nodes"))
            Output.Row(table, Output.Cell(n.Str("address")), Output.Cell(n.Int("closed").ToString()),
                n.Bool("answered") ? Output.Good("ok") : Output.Bad(n.Str("error") ?? "no answer"));
        ctx.Out.Write(table);
        var unanswered = answer.Arr("nodes").Count(n => !n.Bool("answered"));
        ctx.Out.Line($"Terminal {terminal}: {answer.Int("closed")} connection(s) closed" +
            (unanswered > 0 ? $"; {unanswered} node(s) did not answer, it may still be connected there." : "."));
        return unanswered > 0 ? ExitCodes.NotOk : ExitCodes.Ok;
    }

    // ---- links ----------------------------------------------------------------------------------

    private static async Task<int> LinksShowAsync(Context ctx)
    {
        var links = await ctx.Api.GetAsync("api/links", ctx.Cancel);
        if (ctx.Out.Json) { ctx.Out.WriteJson(links); return ExitCodes.Ok; }

        var table = Output.Table("Node", "Centre", "Link", "State", "Since", "Last error", "Last error at");
        foreach (var n in links.Arr("nodes"))
        {
            if (!n.Bool("answered"))
            {
                Output.Row(table, Output.Cell(n.Str("address")), Output.Cell(null), Output.Cell(null), Output.Bad(n.Str("error") ?? "no answer"),
                    Output.Cell(null), Output.Cell(null), Output.Cell(null));
                continue;
            }
            foreach (var l in n.Arr("links"))
            {
                var state = l.Str("state") ?? "?";
                Output.Row(table, Output.Cell(n.Str("address")), Output.Cell(n.Str("centre")), Output.Cell(l.Int("id").ToString()),
                    Output.State(l.Bool("up"), state), Output.Cell(Output.Time(l.Str("since"))), Output.Cell(l.Str("lastError")),
                    Output.Cell(Output.Time(l.Str("lastErrorAt"))));
            }
        }
        ctx.Out.Write(table);
        foreach (var n in links.Arr("nodes").Where(n => n.Bool("answered")))
            ctx.Out.Line($"{n.Str("address")}: {n.Int("signedOn")} of {n.Int("configured")} links up, {n.Int("inFlight")} request(s) in flight.");

        var saf = links.Obj("storeAndForward");
        var queues = Output.Table("Queue", "Depth", "Head (RRN)", "Attempts");
        foreach (var q in saf.Arr("queues"))
        {
            if (q.Str("error") is { } e) { Output.Row(queues, Output.Cell(q.Str("queueId")), Output.Bad(e), Output.Cell(null), Output.Cell(null)); continue; }
            Output.Row(queues, q.Str("queueId"), q.Int("depth").ToString(), q.Str("head"), q.Int("attempts").ToString());
        }
        ctx.Out.Write(queues);
        ctx.Out.Line($"Store-and-forward depth: {saf.Int("depth")}" + (saf.Bool("allAnswered") ? "." : " (some queues did not answer)."));
        return ExitCodes.Ok;
    }

    // ---- end of day -----------------------------------------------------------------------------

    private static async Task<int> EodStatusAsync(Context ctx)
    {
        var status = await ctx.Api.GetAsync("api/eod", ctx.Cancel);
        if (ctx.Out.Json) { ctx.Out.WriteJson(status); return ExitCodes.Ok; }

        var current = status.Str("currentSettlementDate");
        ctx.Out.Line($"Current settlement day: {current}");
        var table = Output.Table("Date", "State", "Step", "Cut off at", "Last error", "Reports");
        foreach (var d in status.Arr("days"))
        {
            var state = d.Str("state") ?? "?";
            var reports = d.Obj("outputs").ValueKind == JsonValueKind.Object ? d.Obj("outputs").EnumerateObject().Count() : 0;
            Output.Row(table, Output.Cell(d.Str("date") + (d.Str("date") == current ? " (current)" : "")),
                Output.State(state != "running" || d.Str("lastError") is null, state), Output.Cell(d.Str("step")),
                Output.Cell(Output.Time(d.Str("cutOffAt"))), Output.Cell(d.Str("lastError")), Output.Cell(reports == 0 ? null : $"{reports} outputs"));
        }
        ctx.Out.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> EodRunAsync(Context ctx, string? date)
    {
        var answer = await ctx.Api.PostAsync("api/eod/run", date is { Length: > 0 } ? new { date } : new { }, ctx.Cancel);
        if (ctx.Out.Json) { ctx.Out.WriteJson(answer); return ExitCodes.Ok; }
        ctx.Out.Line($"End of day {answer.Str("date")}: {answer.Str("outcome")}" + (answer.Str("message") is { Length: > 0 } m ? $" ({m})" : "") +
            ". Follow it with: switchctl eod status");
        return ExitCodes.Ok;
    }

    // ---- health ---------------------------------------------------------------------------------

    private static async Task<int> HealthAsync(Context ctx)
    {
        var (_, live) = await ctx.Api.GetAcceptingAsync("health", [], ctx.Cancel);
        var (status, ready) = await ctx.Api.GetAcceptingAsync("health/ready", [HttpStatusCode.ServiceUnavailable], ctx.Cancel);
        var isReady = status == HttpStatusCode.OK;
        if (ctx.Out.Json)
        {
            ctx.Out.WriteJson(new { node = ctx.Api.Node.ToString(), ready = isReady, liveness = live, readiness = ready });
            return isReady ? ExitCodes.Ok : ExitCodes.NotOk;
        }
        var table = Output.Table("Check", "State", "Detail");
        Output.Row(table, Output.Cell("liveness"), Output.State(live.Str("status") == "up", live.Str("status") ?? "?"), Output.Cell(null));
        Output.Row(table, Output.Cell("readiness"), Output.State(isReady, ready.Str("status") ?? "?"),
            Output.Cell(isReady ? (ready.Bool("posListening") ? "POS port listening" : "POS port not listening yet") : "waiting for " + ready.Str("waitingFor")));
        foreach (var check in ready.Arr("checks"))
            Output.Row(table, Output.Cell("  " + check.Str("name")), Output.State(check.Str("state") == "pass", check.Str("state") ?? "?"),
                Output.Cell(check.Str("detail")));
        ctx.Out.Line($"Node {ctx.Api.Node}");
        ctx.Out.Write(table);
        return isReady ? ExitCodes.Ok : ExitCodes.NotOk;
    }
}
