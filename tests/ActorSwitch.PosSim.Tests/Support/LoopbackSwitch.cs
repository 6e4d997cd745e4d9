using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ActorSwitch.PosSim.Tests.Support;

/// <summary>
/// A tiny TCP listener on a free loopback port that plays the switch: it reads length-prefixed frames,
/// records them, and answers each as the test's handler says. Enough to prove framing, timeouts and
/// reconnection over real TCP.
/// </summary>
internal sealed class LoopbackSwitch : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<byte[], SwitchReply> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly Task _acceptLoop;
    private int _connections;

    public LoopbackSwitch(Func<byte[], SwitchReply> handler)
    {
        _handler = handler;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Every frame received (after its length prefix), in order.</summary>
    public ConcurrentQueue<byte[]> Received { get; } = new();

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var client in _clients)
            client.Dispose();
        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _clients.Add(client);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var prefix = new byte[2];
            while (!_stop.IsCancellationRequested)
            {
                await stream.ReadExactlyAsync(prefix, _stop.Token);
                var frame = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                await stream.ReadExactlyAsync(frame, _stop.Token);
                Received.Enqueue(frame);
                var reply = _handler(frame);
                foreach (var (delay, bytes) in reply.Writes)
                {
                    if (delay > TimeSpan.Zero)
                        await Task.Delay(delay, _stop.Token);
                    await stream.WriteAsync(bytes, _stop.Token);
                }

                if (reply.Close)
                {
                    client.Client.Shutdown(SocketShutdown.Both);
                    client.Dispose();
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException or EndOfStreamException)
        {
            client.Dispose();
        }
    }
}
