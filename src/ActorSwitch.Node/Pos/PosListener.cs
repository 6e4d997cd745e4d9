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
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
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
            await new PosConnection(socket, settings, registry, region, system, log).RunAsync(stop);
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
