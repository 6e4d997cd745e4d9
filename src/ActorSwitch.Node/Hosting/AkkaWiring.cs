using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Persistence.Sql;
using Akka.Remote.Hosting;
using ActorSwitch.Switch.Registry;

namespace ActorSwitch.Node.Hosting;

/// <summary>Marker for the registry singleton proxy in the actor registry.</summary>
public sealed class RegistryProxy;

/// <summary>Builds the node's actor system: HOCON profiles from <c>hocon/</c>, remoting, cluster, singletons.</summary>
public static class AkkaWiring
{
    public static IServiceCollection AddActorSwitchAkka(this IServiceCollection services, NodeOptions options)
    {
        Directory.CreateDirectory(options.DataDir);
        var hoconDir = Path.Combine(AppContext.BaseDirectory, "hocon");

        services.AddAkka(NodeOptions.ActorSystemName, (akka, sp) =>
        {
            akka.ConfigureLoggers(l => l.AddLoggerFactory());
            // Later additions win: profile over common settings, node-specific values last.
            akka.AddHoconFile(Path.Combine(hoconDir, "akka.conf"), HoconAddMode.Append);
            // The profile refers to the connection strings by substitution, and HOCON resolves
            // substitutions within one parse: so the node's values and the profile are parsed together.
            akka.AddHocon(PersistenceConnections(options) + "\n" +
                          File.ReadAllText(Path.Combine(hoconDir, PersistenceProfile(options))), HoconAddMode.Prepend);
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
        });
        return services;
    }

    private static string PersistenceProfile(NodeOptions o) => o.Journal.ToLowerInvariant() switch
    {
        "sqlite" => "persistence-sqlite.conf",
        "postgresql" or "postgres" => "persistence-postgresql.conf",
        _ => throw new InvalidOperationException($"Unknown journal '{o.Journal}': use sqlite or postgresql."),
    };

    private static string PersistenceConnections(NodeOptions o)
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
