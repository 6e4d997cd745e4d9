using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using ActorSwitch.Node.Hosting;
using ActorSwitch.Node.Pos;
using ActorSwitch.Switch.Centre;
using ActorSwitch.Switch.Registry;
using ActorSwitch.Switch.Terminals;
using V = ActorSwitch.Node.Admin.RequestValidation;

namespace ActorSwitch.Node.Admin;

/// <summary>
/// Operating the cluster (what <c>switchctl</c> calls): membership, leave and down, the shard regions and
/// where a terminal's entity lives, closing a terminal's POS connections on every node, and the centre
/// links of every node with the store-and-forward depth. Any node answers for the whole cluster.
/// </summary>
public static class OperationsEndpoints
{
    /// <summary>How long one node (or one queue) may take to answer before it is reported as not answering.</summary>
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The shard regions of a node, by sharding type name (as <see cref="AkkaWiring"/> starts them).</summary>
    private static readonly string[] RegionTypes = ["terminal", "store-and-forward", "purse-card"];

    private static readonly IMessageExtractor TerminalShards = new TerminalMessageExtractor();

    public static void MapOperationsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/cluster", (ActorSystem system) => Results.Ok(ClusterView(Cluster.Get(system))));
        api.MapPost("/cluster/leave", (HttpRequest request, ActorSystem system) => ChangeMembership(request, system, leave: true));
        api.MapPost("/cluster/down", (HttpRequest request, ActorSystem system) => ChangeMembership(request, system, leave: false));

        api.MapGet("/sharding/regions", RegionsOfThisNode);
        api.MapGet("/sharding/stats", ClusterStats);
        api.MapGet("/sharding/locate/{merchantId}/{terminalId}", Locate);

        api.MapPost("/merchants/{merchantId}/terminals/{terminalId}/kick", Kick);

        api.MapGet("/links", Links);
    }

    // ---- cluster --------------------------------------------------------------------------------

    private static object ClusterView(Cluster cluster)
    {
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var members = state.Members.OrderBy(m => m, Member.AgeOrdering).ToList();
        return new
        {
            self = cluster.SelfAddress.ToString(),
            leader = state.Leader?.ToString(),
            oldest = members.FirstOrDefault(m => m.Status == MemberStatus.Up)?.Address.ToString(),
            members = members.Select((m, i) => new
            {
                address = m.Address.ToString(),
                status = m.Status.ToString(),
                roles = m.Roles.Order(StringComparer.Ordinal).ToArray(),
                reachable = !unreachable.Contains(m.Address),
                age = i + 1,
                isSelf = m.Address == cluster.SelfAddress,
                isLeader = m.Address == state.Leader,
            }),
            unreachable = unreachable.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToArray(),
        };
    }

    private static async Task<IResult> ChangeMembership(HttpRequest request, ActorSystem system, bool leave)
    {
        var (body, error) = await V.ReadAsync(request);
        if (body is null) return Results.BadRequest(error);
        var given = body.String("address", s => s.Length is > 0 and <= 200, "the member's address: akka.tcp://actorswitch@host:port, or host:port");
        if (!body.IsValid) return Results.BadRequest(body.Error);

        var cluster = Cluster.Get(system);
        var members = cluster.State.Members.Concat(cluster.State.Unreachable).Select(m => m.Address).Distinct().ToList();
        if (!TryFindMember(given, members, out var address, out var problem))
            return Results.BadRequest(new ApiError("address", problem));

        if (leave) cluster.Leave(address);
        else cluster.Down(address);
        return Results.Json(new { address = address.ToString(), action = leave ? "leave" : "down", status = "issued" },
            statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>A member by its full address or its host:port.</summary>
    internal static bool TryFindMember(string given, IReadOnlyCollection<Address> members, out Address address, out string problem)
    {
        address = Address.AllSystems;
        problem = "";
        if (given.Contains("://", StringComparison.Ordinal))
        {
            Address parsed;
            try
            {
                parsed = Address.Parse(given);
            }
            catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
            {
                problem = "not an actor system address (akka.tcp://actorswitch@host:port): " + e.Message;
                return false;
            }
            if (parsed.Host is null || parsed.Port is null)
            {
                problem = "not a remote address: akka.tcp://actorswitch@host:port";
                return false;
            }
            if (!members.Contains(parsed))
            {
                problem = $"'{given}' is not a member of the cluster";
                return false;
            }
            address = parsed;
            return true;
        }
        var colon = given.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(given.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
        {
            problem = "expected akka.tcp://actorswitch@host:port or host:port";
            return false;
        }
        var host = given[..colon];
        var matches = members.Where(a => a.Port == port && string.Equals(a.Host, host, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count != 1)
        {
            problem = $"'{given}' is not a member of the cluster";
            return false;
        }
        address = matches[0];
        return true;
    }

    // ---- sharding -------------------------------------------------------------------------------

    private static async Task<IResult> RegionsOfThisNode(ActorSystem system)
    {
        var sharding = ClusterSharding.Get(system);
        var regions = await Task.WhenAll(RegionTypes.Select(async type =>
        {
            try
            {
                var state = await sharding.ShardRegion(type).Ask<CurrentShardRegionState>(GetShardRegionState.Instance, NodeTimeout);
                var shards = state.Shards.OrderBy(s => s.ShardId, ShardIdOrder.Instance)
                    .Select(s => new { shardId = s.ShardId, entities = s.EntityIds.Count }).ToList();
                return (object)new
                {
                    type, shards = shards.Count, entities = shards.Sum(s => s.entities), shardList = shards,
                    failedShards = state.Failed.Order(ShardIdOrder.Instance).ToArray(), error = (string?)null,
                };
            }
            catch (AskTimeoutException)
            {
                return new { type, shards = 0, entities = 0, shardList = Array.Empty<object>(), failedShards = Array.Empty<string>(), error = (string?)"no answer from the region" };
            }
        }));
        return Results.Ok(new { node = Cluster.Get(system).SelfAddress.ToString(), regions });
    }

    private static async Task<IResult> ClusterStats(ActorSystem system)
    {
        var sharding = ClusterSharding.Get(system);
        var regions = await Task.WhenAll(RegionTypes.Select(async type =>
        {
            try
            {
                // The region asks every node's region and answers after at most the timeout given, with
                // the nodes that did not answer in time left out; the ask waits a little longer.
                var stats = await sharding.ShardRegion(type).Ask<ClusterShardingStats>(new GetClusterShardingStats(NodeTimeout),
                    NodeTimeout + TimeSpan.FromSeconds(2));
                var nodes = stats.Regions.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal).Select(r => new
                {
                    address = r.Key.ToString(),
                    shards = r.Value.Stats.Count,
                    entities = r.Value.Stats.Values.Sum(),
                    failedShards = r.Value.Failed.Order(ShardIdOrder.Instance).ToArray(),
                }).ToList();
                return (object)new { type, shards = nodes.Sum(n => n.shards), entities = nodes.Sum(n => n.entities), nodes, error = (string?)null };
            }
            catch (AskTimeoutException)
            {
                return new { type, shards = 0, entities = 0, nodes = Array.Empty<object>(), error = (string?)"no answer from the cluster's regions" };
            }
        }));
        return Results.Ok(new { regions });
    }

    private static async Task<IResult> Locate(string merchantId, string terminalId, RegistryView view, ActorSystem system)
    {
        if (TerminalIdError(merchantId, terminalId) is { } invalid) return Results.BadRequest(invalid);
        var key = new TerminalKey(merchantId, terminalId);
        if (view.FindTerminal(key) is null) return UnknownTerminal(terminalId);

        var entityId = key.EntityId;
        var shardId = TerminalShards.ShardId(entityId, null);
        var sharding = ClusterSharding.Get(system);
        ClusterShardingStats stats;
        try
        {
            stats = await sharding.ShardRegion("terminal").Ask<ClusterShardingStats>(new GetClusterShardingStats(NodeTimeout),
                NodeTimeout + TimeSpan.FromSeconds(2));
        }
        catch (AskTimeoutException)
        {
            return Results.Problem("the terminal regions of the cluster did not answer", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var host = stats.Regions.FirstOrDefault(r => r.Value.Stats.ContainsKey(shardId));
        string? node = host.Value is null ? null : host.Key.ToString();
        int? shardEntities = host.Value?.Stats[shardId];

        // Is the entity itself running there (or passivated, to be started on its next message)?
        bool? entityRunning = null;
        if (host.Value is not null)
        {
            var path = $"{host.Key}/system/sharding/terminal/{Uri.EscapeDataString(shardId)}/{Uri.EscapeDataString(entityId)}";
            try
            {
                var identity = await system.ActorSelection(path).Ask<ActorIdentity>(new Identify(entityId), NodeTimeout);
                entityRunning = identity.Subject is not null;
            }
            catch (AskTimeoutException)
            {
                // The node did not answer: unknown.
            }
        }
        return Results.Ok(new
        {
            merchantId, terminalId, entityId, shardId,
            allocated = node is not null, node = node ?? "not allocated", shardEntities, entityRunning,
        });
    }

    // ---- terminals ------------------------------------------------------------------------------

    private static async Task<IResult> Kick(string merchantId, string terminalId, RegistryView view, ActorSystem system)
    {
        if (TerminalIdError(merchantId, terminalId) is { } invalid) return Results.BadRequest(invalid);
        if (view.FindTerminal(new TerminalKey(merchantId, terminalId)) is null) return UnknownTerminal(terminalId);

        var kick = new KickTerminalConnections(merchantId, terminalId);
        var nodes = await AskEveryNode(system, "/user/" + PosListener.ConnectionsActorName, kick, (TerminalConnectionsKicked answer) => answer);
        return Results.Ok(new
        {
            merchantId, terminalId, closed = nodes.Sum(n => n.Answer?.Closed ?? 0),
            nodes = nodes.Select(n => new { address = n.Address, answered = n.Error is null, closed = n.Answer?.Closed ?? 0, error = n.Error }),
        });
    }

    // ---- links ----------------------------------------------------------------------------------

    private static async Task<IResult> Links(ActorSystem system, IRequiredActor<StoreAndForwardRegion> queues)
    {
        var linksTask = AskEveryNode(system, "/user/centre-link", GetCentreLinkDetails.Instance, (CentreLinkDetails d) => d);
        var depthsTask = Task.WhenAll(StoreAndForwardQueues.All.Select(async queueId =>
        {
            try
            {
                var depth = await queues.ActorRef.Ask<QueueDepth>(new GetQueueDepth(queueId), NodeTimeout);
                return new QueueView(queueId, depth.Depth, depth.Head, depth.Attempts, null);
            }
            catch (AskTimeoutException)
            {
                return new QueueView(queueId, null, null, 0, "no answer from the queue");
            }
        }));
        var links = await linksTask;
        var depths = await depthsTask;
        return Results.Ok(new
        {
            nodes = links.Select(n => new
            {
                address = n.Address,
                answered = n.Error is null,
                error = n.Error,
                centre = n.Answer?.CentreAddress,
                configured = n.Answer?.Connections.Count ?? 0,
                signedOn = n.Answer?.Connections.Count(c => c.State == "signed-on") ?? 0,
                inFlight = n.Answer?.InFlight ?? 0,
                links = (n.Answer?.Connections ?? []).OrderBy(c => c.Id).Select(c => new
                {
                    id = c.Id, state = c.State, up = c.State == "signed-on", since = c.Since, lastError = c.LastError, lastErrorAt = c.LastErrorAt,
                }),
            }),
            storeAndForward = new
            {
                depth = depths.Sum(q => q.Depth ?? 0),
                allAnswered = depths.All(q => q.Error is null),
                queues = depths.Select(q => new { queueId = q.QueueId, depth = q.Depth, head = q.Head, attempts = q.Attempts, error = q.Error }),
            },
        });
    }

    private sealed record QueueView(string QueueId, int? Depth, string? Head, int Attempts, string? Error);

    // ---- helpers --------------------------------------------------------------------------------

    private sealed record NodeAnswer<T>(string Address, T? Answer, string? Error) where T : class;

    /// <summary>
    /// Asks the actor at <paramref name="path"/> on every member that is (or is becoming) part of the
    /// cluster, all at once; a node that does not answer in time is reported, not dropped.
    /// </summary>
    private static async Task<NodeAnswer<TOut>[]> AskEveryNode<TAnswer, TOut>(ActorSystem system, string path, object question,
        Func<TAnswer, TOut> project) where TOut : class
    {
        var state = Cluster.Get(system).State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var members = state.Members
            .Where(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining or MemberStatus.Leaving)
            .Select(m => m.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
        if (members.Count == 0) members.Add(Cluster.Get(system).SelfAddress); // not joined yet: this node only
        return await Task.WhenAll(members.Select(async address =>
        {
            try
            {
                var answer = await system.ActorSelection(address + path).Ask<TAnswer>(question, NodeTimeout);
                return new NodeAnswer<TOut>(address.ToString(), project(answer), null);
            }
            catch (AskTimeoutException)
            {
                return new NodeAnswer<TOut>(address.ToString(), null,
                    unreachable.Contains(address) ? "unreachable: no answer" : $"no answer within {NodeTimeout.TotalSeconds:0} s");
            }
        }));
    }

    internal static ApiError? TerminalIdError(string merchantId, string terminalId) =>
        !V.IsAlphanumeric(merchantId, 15) ? new ApiError("merchantId", "15 letters or digits (F42)")
        : !V.IsAlphanumeric(terminalId, 8) ? new ApiError("terminalId", "8 letters or digits (F41)")
        : null;

    private static IResult UnknownTerminal(string terminalId) => Results.NotFound(new ApiError("terminalId", $"unknown id '{terminalId}'"));

    /// <summary>Shard ids are numbers: order them as numbers.</summary>
    private sealed class ShardIdOrder : IComparer<string>
    {
        public static readonly ShardIdOrder Instance = new();

        public int Compare(string? x, string? y) =>
            int.TryParse(x, out var a) && int.TryParse(y, out var b) ? a.CompareTo(b) : string.CompareOrdinal(x, y);
    }
}
