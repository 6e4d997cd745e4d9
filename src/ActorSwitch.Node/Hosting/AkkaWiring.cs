using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Persistence.Sql;
using Akka.Remote.Hosting;
using ActorSwitch.Switch.Centre;
using ActorSwitch.Switch.EndOfDay;
using ActorSwitch.Switch.Purse;
using ActorSwitch.Switch.Registry;
using ActorSwitch.Switch.Risk;
using ActorSwitch.Switch.Terminals;

namespace ActorSwitch.Node.Hosting;

/// <summary>Markers for the actor registry.</summary>
public sealed class RegistryProxy;

public sealed class TerminalRegion;

public sealed class StoreAndForwardRegion;

public sealed class CentreLinkActor;

public sealed class PurseCardRegion;

public sealed class EndOfDayProxy;

/// <summary>
/// Builds the node's actor system: the HOCON of <see cref="PlatformConfig"/>, remoting, the cluster
/// (a single node joins itself), the registry singleton, the terminal and store-and-forward shard
/// regions and the node's centre link.
/// </summary>
public static class AkkaWiring
{
    private static readonly ShardOptions Sharding = new()
    {
        Role = "switch",
        StateStoreMode = StateStoreMode.DData,
        RememberEntities = false,
        PassivateIdleEntityAfter = TimeSpan.FromMinutes(15),
    };

    public static IServiceCollection AddActorSwitchAkka(this IServiceCollection services, PlatformConfig platform)
    {
        var options = platform.Options;
        Directory.CreateDirectory(options.DataDir);
        if (options.Journal.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var dir = Path.GetFullPath(options.DataDir);
            SqliteJournalFiles.EnsureWriteAheadLog(Path.Combine(dir, "journal.db"), Path.Combine(dir, "snapshots.db"));
        }

        services.AddAkka(NodeOptions.ActorSystemName, (akka, sp) =>
        {
            akka.ConfigureLoggers(l => l.AddLoggerFactory());
            akka.AddHocon(platform.Config, HoconAddMode.Prepend);
            akka.AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append);

            var seeds = options.SeedNodeAddresses();
            akka.WithRemoting(options.Hostname, options.RemotingPort);
            akka.WithClustering(new ClusterOptions { Roles = ["switch"], SeedNodes = seeds });
            if (seeds.Length == 0)
            {
                // A single node forms its own cluster: join our own address once remoting is bound.
                akka.AddStartup(async (system, _) =>
                {
                    var cluster = Cluster.Get(system);
                    await cluster.JoinAsync(cluster.SelfAddress);
                });
            }

            var view = sp.GetRequiredService<RegistryView>();
            akka.WithSingleton<RegistryActor>("registry", RegistryActor.Props(view),
                new ClusterSingletonOptions { Role = "switch" }, createProxyToo: false);
            akka.WithSingletonProxy<RegistryProxy>("registry", new ClusterSingletonOptions { Role = "switch" });
            // Every node's view follows the registry's journal; the singleton feeds its own node directly.
            akka.WithActors((system, _) => system.ActorOf(RegistryReplica.Props(view), "registry-replica"));
            // Card counters of the risk rules are shared with the other nodes.
            akka.WithActors((system, _) => system.ActorOf(CardActivityGossip.Props(sp.GetRequiredService<CardActivity>()), "card-activity"));
            // Every node's calendar follows the end-of-day cut-off markers (a day closed early).
            akka.WithActors((system, _) => system.ActorOf(
                CalendarFollower.Props(sp.GetRequiredService<TerminalServices>().Calendar), "calendar-follower"));

            var terminals = sp.GetRequiredService<TerminalServices>();
            var queues = sp.GetRequiredService<StoreAndForwardServices>();
            akka.WithShardRegion<TerminalRegion>("terminal", entityId => TerminalEntity.Props(entityId, terminals),
                new TerminalMessageExtractor(), Sharding);
            akka.WithShardRegion<StoreAndForwardRegion>("store-and-forward", queueId => StoreAndForwardQueue.Props(queueId, queues),
                new StoreAndForwardMessageExtractor(), Sharding);

            akka.WithShardRegion<PurseCardRegion>("purse-card", PurseCardEntity.Props, new PurseCardMessageExtractor(), Sharding);

            akka.WithActors((system, registry) =>
            {
                var keys = sp.GetRequiredService<PlatformKeys>();
                var centre = sp.GetRequiredService<CentreEndpoint>();
                var link = system.ActorOf(CentreLink.Props(platform.CentreLink(centre.Host, centre.Port), keys.Security,
                    keys.ZoneMasterKey, sp.GetRequiredService<CentreLinkHealth>()), "centre-link");
                registry.Register<CentreLinkActor>(link);
                terminals.CentreLink = link;
                queues.CentreLink = link;
            });
            akka.WithSingleton<OpenTransactionSweeper>("open-transaction-sweeper",
                (_, registry, _) => OpenTransactionSweeper.Props(registry.Get<TerminalRegion>(),
                    grace: terminals.Settings.AnswerDeadline * 2, interval: TimeSpan.FromSeconds(30)),
                new ClusterSingletonOptions { Role = "switch" }, createProxyToo: false);
            var endOfDay = sp.GetRequiredService<EndOfDayServices>();
            akka.WithSingleton<EndOfDayActor>("end-of-day",
                (_, registry, _) =>
                {
                    endOfDay.StoreAndForward = registry.Get<StoreAndForwardRegion>();
                    return EndOfDayActor.Props(endOfDay);
                },
                new ClusterSingletonOptions { Role = "switch" }, createProxyToo: false);
            akka.WithSingletonProxy<EndOfDayProxy>("end-of-day", new ClusterSingletonOptions { Role = "switch" });
            akka.AddStartup((system, registry) =>
            {
                var safRegion = registry.Get<StoreAndForwardRegion>();
                terminals.StoreAndForward = safRegion;
                terminals.PurseCards = registry.Get<PurseCardRegion>();
                // Queues are entities without remember-entities: wake each one now and then, so that a
                // queue whose node died is restarted (and drained) wherever sharding puts it.
                system.Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), () =>
                {
                    foreach (var id in StoreAndForwardQueues.All) safRegion.Tell(new WakeQueue(id));
                });
            });
        });
        return services;
    }

    internal static string PersistenceProfile(NodeOptions o) => o.Journal.ToLowerInvariant() switch
    {
        "sqlite" => "persistence-sqlite.conf",
        "postgresql" or "postgres" => "persistence-postgresql.conf",
        _ => throw new InvalidOperationException($"Unknown journal '{o.Journal}': use sqlite or postgresql."),
    };

    internal static string PersistenceConnections(NodeOptions o)
    {
        string journal, snapshots;
        if (o.Journal.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var dir = Path.GetFullPath(o.DataDir);
            journal = $"Data Source={Path.Combine(dir, "journal.db")};Pooling=True;Default Timeout=30";
            snapshots = $"Data Source={Path.Combine(dir, "snapshots.db")};Pooling=True;Default Timeout=30";
        }
        else
        {
            if (string.IsNullOrWhiteSpace(o.JournalConnection))
                throw new InvalidOperationException("--journal postgresql needs --journal-connection.");
            journal = snapshots = o.JournalConnection;
        }
        return $"actorswitch.journal-connection = {Quote(journal)}\nactorswitch.snapshot-connection = {Quote(snapshots)}";
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}

/// <summary>Where the centre is: configured, or the simulator this node started.</summary>
public sealed record CentreEndpoint(string Host, int Port);
