using System.Net;
using System.Net.Sockets;

namespace ActorSwitch.LoadRunner;

/// <summary>
/// The baseline's server: reads length-prefixed frames (2-byte binary length, the POS dialect's framing)
/// and writes each back. Plain: the same bytes. Mirror: turned round as an answer (TPDU source and
/// destination swapped, MTI + 10), so that a <see cref="ActorSwitch.PosSim.Terminal.PosTerminal"/> takes it
/// as the answer to its request. Everything ready after one receive goes back in one send.
/// </summary>
public sealed class EchoServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly bool _mirror;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private EchoServer(Socket listener, bool mirror)
    {
        _listener = listener;
        _mirror = mirror;
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public static EchoServer Start(int port, bool mirror)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(4096);
        return new EchoServer(listener, mirror);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            socket.NoDelay = true;
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[16 * 1024];
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (n == 0) return;
                end += n;
                var p = start;
                while (end - p >= 2)
                {
                    var length = (buffer[p] << 8) | buffer[p + 1];
                    if (length == 0 || length > 4096) return; // not our framing: drop the connection
                    if (end - p < 2 + length) break;
                    if (_mirror) Mirror(buffer.AsSpan(p + 2, length));
                    p += 2 + length;
                }
                if (p > start)
                {
                    var pending = buffer.AsMemory(start, p - start);
                    while (!pending.IsEmpty)
                    {
                        var sent = await socket.SendAsync(pending, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                        pending = pending[sent..];
                    }
                    start = p;
                }
                if (start == end)
                {
                    start = end = 0;
                }
                else if (buffer.Length - end < 4200)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>TPDU (id, destination, source) then the 6-byte header, then the BCD MTI: swap, and 0x00 -> 0x10.</summary>
    private static void Mirror(Span<byte> frame)
    {
        if (frame.Length < 13) return;
        (frame[1], frame[3]) = (frame[3], frame[1]);
        (frame[2], frame[4]) = (frame[4], frame[2]);
        frame[12] += 0x10;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
