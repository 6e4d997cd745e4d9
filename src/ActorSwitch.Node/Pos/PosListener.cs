using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using ActorSwitch.Node.Hosting;
using ActorSwitch.Switch.Registry;

namespace ActorSwitch.Node.Pos;

/// <summary>
/// The POS port. It opens only once the node is ready (journal recovered, centre link up), so that a
/// terminal is never left waiting on a node that cannot answer; then it accepts up to the configured
/// number of connections, refusing the rest at once.
/// </summary>
internal sealed class PosListener(
    NodeOptions options,
    PosListenerSettings settings,
    Readiness readiness,
    RegistryView registry,
    ActorSystem system,
    IRequiredActor<TerminalRegion> terminals,
    PosMetrics metrics,
    ILogger<PosListener> log) : BackgroundService
{
    /// <summary>The actor (at <c>/user/pos-connections</c> on every node) that closes a terminal's connections on request.</summary>
    public const string ConnectionsActorName = "pos-connections";

    private readonly PosConnectionTable _connections = new();

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        // Answers kicks from the operator API of any node, even before the port opens (then: 0 closed).
        system.ActorOf(PosConnectionsActor.Props(_connections, log), ConnectionsActorName);
        await readiness.WaitUntilReadyAsync(stop);
        var region = await terminals.GetAsync(stop);
        using var listener = await BindAsync(stop);
        log.LogInformation("POS listener open on port {Port} (at most {Max} connections)", options.PosPort, settings.MaxConnections);
        readiness.PosListening = true;

        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (metrics.OpenConnections >= settings.MaxConnections)
            {
                log.LogWarning("POS {Peer}: refused, {Max} connections already open", socket.RemoteEndPoint, settings.MaxConnections);
                socket.Dispose();
                continue;
            }
            socket.NoDelay = true;
            _ = ServeAsync(socket, region, stop);
        }
    }

    /// <summary>
    /// Binds the POS port. A port still held (a previous process of this node not yet gone, another
    /// program) is retried for a while with an error each time, rather than taking the node down:
    /// the operator API stays up and says the POS port is not listening.
    /// </summary>
    private async Task<Socket> BindAsync(CancellationToken stop)
    {
        for (var attempt = 1; ; attempt++)
        {
            var listener = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
            try
            {
                listener.Bind(new IPEndPoint(IPAddress.IPv6Any, options.PosPort));
                listener.Listen(1024);
                return listener;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                listener.Dispose();
                log.LogError("POS port {Port} is in use by another process (attempt {Attempt}); trying again in 2 s", options.PosPort, attempt);
                await Task.Delay(TimeSpan.FromSeconds(2), stop);
            }
        }
    }

    private async Task ServeAsync(Socket socket, IActorRef region, CancellationToken stop)
    {
        metrics.ConnectionOpened();
        try
        {
            await new PosConnection(socket, settings, registry, region, system, log, _connections).RunAsync(stop);
        }
        catch (Exception e)
        {
            // One connection's failure is that connection's alone.
            log.LogWarning(e, "POS connection ended with an error");
        }
        finally
        {
            metrics.ConnectionClosed();
        }
    }
}

/// <summary>Counters of the POS front end (read by health and metrics).</summary>
public sealed class PosMetrics
{
    private int _open;

    public int OpenConnections => Volatile.Read(ref _open);

    public void ConnectionOpened() => Interlocked.Increment(ref _open);

    public void ConnectionClosed() => Interlocked.Decrement(ref _open);
}

/// <summary>
/// This node's open POS connections by terminal (F42 + F41 of the requests each has carried), so that
/// an operator can close a terminal's connection wherever it is (<c>switchctl terminals kick</c>).
/// </summary>
internal sealed class PosConnectionTable
{
    private readonly Dictionary<string, HashSet<PosConnection>> _byTerminal = new(StringComparer.Ordinal);

    public void Add(string terminalEntityId, PosConnection connection)
    {
        lock (_byTerminal)
        {
            if (!_byTerminal.TryGetValue(terminalEntityId, out var set)) _byTerminal[terminalEntityId] = set = [];
            set.Add(connection);
        }
    }

    public void Remove(string terminalEntityId, PosConnection connection)
    {
        lock (_byTerminal)
        {
            if (!_byTerminal.TryGetValue(terminalEntityId, out var set)) return;
            set.Remove(connection);
            if (set.Count == 0) _byTerminal.Remove(terminalEntityId);
        }
    }

    /// <summary>Closes every open connection of the terminal; how many there were.</summary>
    public int Close(string terminalEntityId)
    {
        List<PosConnection> open;
        lock (_byTerminal)
        {
            if (!_byTerminal.Remove(terminalEntityId, out var set)) return 0;
            open = [.. set];
        }
        foreach (var connection in open) connection.Close();
        return open.Count;
    }
}

/// <summary>Closes a terminal's POS connections on this node (sent to <c>/user/pos-connections</c> of every node).</summary>
public sealed record KickTerminalConnections(string MerchantId, string TerminalId);

/// <summary>How many connections of the terminal this node closed.</summary>
public sealed record TerminalConnectionsKicked(string MerchantId, string TerminalId, int Closed);

internal sealed class PosConnectionsActor : ReceiveActor
{
    public PosConnectionsActor(PosConnectionTable table, ILogger log)
    {
        Receive<KickTerminalConnections>(kick =>
        {
            var closed = table.Close(new TerminalKey(kick.MerchantId, kick.TerminalId).EntityId);
            log.LogInformation("POS: terminal {Terminal} of merchant {Merchant} kicked by an operator: {Closed} connection(s) closed",
                kick.TerminalId, kick.MerchantId, closed);
            Sender.Tell(new TerminalConnectionsKicked(kick.MerchantId, kick.TerminalId, closed));
        });
    }

    public static Props Props(PosConnectionTable table, ILogger log) => Akka.Actor.Props.Create(() => new PosConnectionsActor(table, log));
}
