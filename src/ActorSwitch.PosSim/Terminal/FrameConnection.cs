using System.Buffers;
using System.Net.Sockets;
using ActorSwitch.Iso8583;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// One TCP connection carrying length-prefixed frames. The receive buffer holds two maximal frames and is
/// reused; a receive still pending when a wait times out is kept and picked up by the next wait, so a late
/// answer is never lost mid-frame nor read into a buffer the next exchange uses. One caller at a time.
/// </summary>
internal sealed class FrameConnection : IAsyncDisposable
{
    private string _host;
    private int _port;
    private readonly Dialect _dialect;
    private readonly TimeProvider _clock;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private Socket? _socket;
    private Task<int>? _pendingReceive;

    public FrameConnection(string host, int port, Dialect dialect, TimeProvider clock)
    {
        _host = host;
        _port = port;
        _dialect = dialect;
        _clock = clock;
        _buffer = NewBuffer();
    }

    public bool IsConnected => _socket is not null;

    /// <summary>Closes the connection and connects to another address next time (a terminal's backup host).</summary>
    public void Retarget(string host, int port)
    {
        Close();
        (_host, _port) = (host, port);
    }

    public async ValueTask<bool> EnsureConnectedAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        if (_socket is not null)
            return true;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(_host, _port, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellation.IsCancellationRequested))
        {
            socket.Dispose();
            return false;
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _start = _end = 0;
        return true;
    }

    /// <summary>Sends a whole frame (length prefix included); false when the connection is gone.</summary>
    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellation)
    {
        if (_socket is null)
            return false;
        try
        {
            while (!frame.IsEmpty)
            {
                var sent = await _socket.SendAsync(frame, SocketFlags.None, cancellation).ConfigureAwait(false);
                frame = frame[sent..];
            }

            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Close();
            return false;
        }
        catch (OperationCanceledException)
        {
            Close(); // part of a frame may have gone: the stream is no longer in step
            throw;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the next frame. The frame (without its length prefix) stays
    /// valid until the next call. An invalid length prefix closes the connection (section 1).
    /// </summary>
    public async ValueTask<FrameReceipt> ReceiveFrameAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        var started = _clock.GetTimestamp();
        while (true)
        {
            var buffered = new ReadOnlySequence<byte>(_buffer, _start, _end - _start);
            if (FrameReader.TryReadFrame(ref buffered, _dialect, out var frame, out var error))
            {
                var frameStart = _start + _dialect.LengthPrefixSize;
                _start = frameStart + (int)frame.Length;
                return new FrameReceipt(ReceiptStatus.Frame, _buffer.AsMemory(frameStart, (int)frame.Length));
            }

            if (error != FrameError.None)
            {
                Close();
                return new FrameReceipt(ReceiptStatus.FramingError, default);
            }

            if (_socket is null)
                return new FrameReceipt(ReceiptStatus.Closed, default);

            var remaining = timeout - _clock.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
                return new FrameReceipt(ReceiptStatus.TimedOut, default);

            if (_pendingReceive is null)
            {
                Compact();
                _pendingReceive = _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None).AsTask();
            }

            int received;
            try
            {
                received = await _pendingReceive.WaitAsync(remaining, _clock, cancellation).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return new FrameReceipt(ReceiptStatus.TimedOut, default);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                _pendingReceive = null;
                Close();
                return new FrameReceipt(ReceiptStatus.Closed, default);
            }

            _pendingReceive = null;
            if (received == 0)
            {
                Close();
                return new FrameReceipt(ReceiptStatus.Closed, default);
            }

            _end += received;
        }
    }

    public void Close()
    {
        _socket?.Dispose();
        _socket = null;
        if (_pendingReceive is not null)
        {
            // The abandoned receive may still complete into the old buffer: give the next connection a fresh one.
            _pendingReceive.ContinueWith(static task => _ = task.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            _pendingReceive = null;
            _buffer = NewBuffer();
        }

        _start = _end = 0;
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private byte[] NewBuffer() => new byte[2 * (_dialect.LengthPrefixSize + _dialect.MaxFrameLength)];

    private void Compact()
    {
        if (_start == 0)
            return;
        _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        _end -= _start;
        _start = 0;
    }
}
