using ActorSwitch.Node.Tests.EndOfDay;
using ActorSwitch.Testing;

namespace ActorSwitch.Node.Tests.Cluster;

/// <summary>
/// A cluster of real node processes on loopback sharing one PostgreSQL database (the test process's
/// own server) and one centre simulator process, started the way the README says.
/// </summary>
public sealed class ClusterKit : IAsyncDisposable
{
    private ClusterKit(CentralProcess central, string journal, string config, NodeProcess[] nodes, int[] remotingPorts)
    {
        RemotingPorts = remotingPorts;
        Central = central;
        Journal = journal;
        Config = config;
        Nodes = nodes;
    }

    public CentralProcess Central { get; }
    public string Journal { get; }
    public string Config { get; }
    public NodeProcess[] Nodes { get; }
    public int[] RemotingPorts { get; }

    /// <summary>Starts the centre and <paramref name="size"/> nodes; <paramref name="extraConfig"/> is HOCON for every node.</summary>
    public static async Task<ClusterKit> StartAsync(int size, string extraConfig = "")
    {
        var journal = PostgresServer.Instance.CreateDatabase();
        var central = await CentralProcess.StartAsync();
        var config = await EndOfDayKit.ConfigAsync(central, extraConfig);
        var remoting = Enumerable.Range(0, size).Select(_ => FreePort.Next()).ToArray();
        // The first two nodes are the seeds: the cluster forms with either of them alive.
        var seeds = string.Join(',', remoting.Take(Math.Min(2, size)).Select(p => $"127.0.0.1:{p}"));
        var nodes = new NodeProcess[size];
        for (var i = 0; i < size; i++)
        {
            nodes[i] = await NodeProcess.StartAsync("--central", central.Address, "--config", config,
                "--journal", "postgresql", "--journal-connection", journal,
                "--remoting-port", remoting[i].ToString(), "--seed-nodes", seeds, "--node-number", (i + 1).ToString());
        }
        return new ClusterKit(central, journal, config, nodes, remoting);
    }

    /// <summary>Waits (polling) until <paramref name="condition"/> holds; fails with <paramref name="message"/> after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string message)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, message);
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
        await Central.DisposeAsync();
    }
}
