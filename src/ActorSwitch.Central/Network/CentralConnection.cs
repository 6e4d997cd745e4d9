using System.Buffers;
using System.Threading.Channels;
using ActorSwitch.Central.Security;
using ActorSwitch.Iso8583;
using Microsoft.AspNetCore.Connections;

namespace ActorSwitch.Central.Network;

/// <summary>
/// One TCP connection from an acquirer. The read loop owns the reusable request and answer messages;
/// answers of any request, in any order, go through one outbound queue drained by the connection's
/// writer loop, which flushes once per burst. No lock is held across I/O.
/// </summary>
public sealed class CentralConnection
{
    private static long _lastId;
    private readonly ConnectionContext _context;
    private readonly Channel<OutboundFrame> _outbound =
        Channel.CreateUnbounded<OutboundFrame>(new UnboundedChannelOptions { SingleReader = true });
    private long _lastActivity = Environment.TickCount64;
    private volatile SignOnState? _signOn;

    public CentralConnection(ConnectionContext context)
    {
        _context = context;
        Id = Interlocked.Increment(ref _lastId);
        Peer = context.RemoteEndPoint?.ToString() ?? "unknown peer";
    }

    public long Id { get; }
    public string Peer { get; }

    /// <summary>Reused by the read loop for every request and answer (one message at a time).</summary>
    public IsoMessage Request { get; } = new(Dialects.CentralHost);
    public IsoMessage Answer { get; } = new(Dialects.CentralHost);

    /// <summary>The acquiring institution that signed on here (F33 of its 0800/001); null before sign-on
    /// and after sign-off.</summary>
    public string? Institution => _signOn?.Institution;

    /// <summary>The key generation last issued on this connection (sign-on or key change).</summary>
    public ZoneKeyGeneration? Keys => _signOn?.Keys;

    public long MessagesReceived { get; private set; }

    public TimeSpan SilentFor => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastActivity));

    public void SignOn(string institution, ZoneKeyGeneration keys) => _signOn = new SignOnState(institution, keys);

    public void SignOff() => _signOn = null;

    private sealed record SignOnState(string Institution, ZoneKeyGeneration Keys);

    internal void MarkActivity() => Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);

    internal void CountMessage() => MessagesReceived++;

    /// <summary>Queues an answer; once the connection is closed the answer is discarded.</summary>
    public void Send(OutboundFrame frame)
    {
        if (!_outbound.Writer.TryWrite(frame)) frame.Release();
    }

    /// <summary>Sends after <paramref name="committed"/> (the answer's group commit) and the injected delay.</summary>
    public void SendAfter(Task committed, OutboundFrame frame, TimeSpan delay)
    {
        if (committed.IsCompletedSuccessfully && delay <= TimeSpan.Zero) Send(frame);
        else _ = SendLaterAsync(committed, frame, delay);
    }

    private async Task SendLaterAsync(Task committed, OutboundFrame frame, TimeSpan delay)
    {
        try
        {
            await committed.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The commit failed: nothing decided in it may be answered.
            frame.Release();
            return;
        }
        if (delay > TimeSpan.Zero) await Task.Delay(delay).ConfigureAwait(false);
        Send(frame);
    }

    /// <summary>Closes the connection now (peer reset): answers not yet written are lost.</summary>
    public void Close(string reason) => _context.Abort(new ConnectionAbortedException(reason));

    /// <summary>Writes queued answers until the connection ends.</summary>
    public async Task RunWriterAsync()
    {
        var output = _context.Transport.Output;
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    output.Write(frame.Span);
                    frame.Release();
                }
                var flushed = await output.FlushAsync().ConfigureAwait(false);
                if (flushed.IsCompleted || flushed.IsCanceled) break;
            }
        }
        catch (Exception error) when (error is IOException or ConnectionAbortedException or ConnectionResetException
                                          or InvalidOperationException or OperationCanceledException)
        {
            // The peer is gone; the read loop reports the close.
        }
        finally
        {
            _outbound.Writer.TryComplete();
            while (reader.TryRead(out var frame)) frame.Release();
        }
    }

    /// <summary>No more answers will be queued (the read loop ended).</summary>
    public void CompleteOutbound() => _outbound.Writer.TryComplete();
}
