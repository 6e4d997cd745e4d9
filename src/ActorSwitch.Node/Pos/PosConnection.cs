using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Akka.Actor;
using ActorSwitch.Iso8583;
using ActorSwitch.Node.Hosting;
using ActorSwitch.Switch.Pos;
using ActorSwitch.Switch.Registry;
using ActorSwitch.Switch.Terminals;

namespace ActorSwitch.Node.Pos;

/// <summary>
/// One terminal's TCP connection: cuts frames, answers what the front end can answer itself (30 for
/// a frame that does not parse, 97 for an unknown terminal), hands everything else to the terminal's
/// entity, and writes the answers back on this connection. A connection holds at most N requests
/// unanswered; beyond that it stops reading, so a flooding terminal is slowed by TCP, not buffered.
/// </summary>
internal sealed class PosConnection
{
    private readonly Socket _socket;
    private readonly PosListenerSettings _settings;
    private readonly RegistryView _registry;
    private readonly IActorRef _terminals;
    private readonly ActorSystem _system;
    private readonly ILogger _log;
    private readonly EndPoint? _peer;
    private readonly Channel<byte[]> _outbox;
    private readonly SemaphoreSlim _inFlight;
    private readonly IsoMessage _message = new(Dialects.UnionPayPos);
    private readonly PosAnswerWriter _answers = new();
    private readonly PosConnectionTable _table;
    private readonly CancellationTokenSource _closed = new();
    /// <summary>The terminals (entity ids) whose requests this connection carried: usually one.</summary>
    private readonly List<string> _terminalIds = new(1);

    public PosConnection(Socket socket, PosListenerSettings settings, RegistryView registry, IActorRef terminals,
        ActorSystem system, ILogger log, PosConnectionTable table)
    {
        _table = table;
        _socket = socket;
        _settings = settings;
        _registry = registry;
        _terminals = terminals;
        _system = system;
        _log = log;
        _peer = socket.RemoteEndPoint;
        _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(settings.MaxInFlightPerConnection * 4)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
        _inFlight = new SemaphoreSlim(settings.MaxInFlightPerConnection, settings.MaxInFlightPerConnection);
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var replyTo = _system.ActorOf(Props.Create(() => new PosConnectionActor(_outbox.Writer, _inFlight)));
        await using var stream = new NetworkStream(_socket, ownsSocket: true);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024));
        var writer = PipeWriter.Create(stream);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop, _closed.Token);
        try
        {
            var reading = ReadLoopAsync(reader, replyTo, session.Token);
            var writing = WriteLoopAsync(writer, session.Token);
            await Task.WhenAny(reading, writing);
            await session.CancelAsync();
            await Task.WhenAll(Quietly(reading), Quietly(writing));
        }
        finally
        {
            foreach (var id in _terminalIds) _table.Remove(id, this);
            if (_closed.IsCancellationRequested) _log.LogInformation("POS {Peer}: connection closed by an operator", _peer);
            _system.Stop(replyTo);
            _outbox.Writer.TryComplete();
            await reader.CompleteAsync();
            await writer.CompleteAsync();
        }
    }

    private async Task ReadLoopAsync(PipeReader reader, IActorRef replyTo, CancellationToken token)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(token);
        while (true)
        {
            idle.CancelAfter(_settings.IdleTimeout);
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(idle.Token);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                _log.LogInformation("POS {Peer}: idle for {Idle}; closing", _peer, _settings.IdleTimeout);
                return;
            }
            var buffer = result.Buffer;
            try
            {
                while (true)
                {
                    if (!FrameReader.TryReadFrame(ref buffer, Dialects.UnionPayPos, out var frame, out var frameError))
                    {
                        if (frameError == FrameError.None) break;
                        _log.LogWarning("POS {Peer}: framing error {Error} (length prefix {Prefix}); closing the connection",
                            _peer, frameError, Prefix(buffer));
                        return;
                    }
                    // The configured maximum may only be stricter than the dialect's (checked the same way: close).
                    if (frame.Length > _settings.MaxFrameLength)
                    {
                        _log.LogWarning("POS {Peer}: frame of {Length} bytes above the configured maximum {Max}; closing the connection",
                            _peer, frame.Length, _settings.MaxFrameLength);
                        return;
                    }
                    if (!await HandleFrameAsync(frame, replyTo, token)) return;
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
            if (result.IsCompleted) return;
        }
    }

    /// <summary>False when the connection must close.</summary>
    private async ValueTask<bool> HandleFrameAsync(ReadOnlySequence<byte> frame, IActorRef replyTo, CancellationToken token)
    {
        if (!IsoReader.TryParse(frame, _message, out var error))
        {
            if (!error.CanAnswer)
            {
                _log.LogWarning("POS {Peer}: unreadable frame ({Kind} at offset {Offset}), no header to answer; closing",
                    _peer, error.Kind, error.Offset);
                return false;
            }
            _log.LogWarning("POS {Peer}: format error {Kind} in field {Field} at offset {Offset}: 30",
                _peer, error.Kind, error.Field, error.Offset);
            AnswerHere(ResponseCodes.FormatError);
            return true;
        }

        var terminal = FindTerminal();
        if (terminal is null)
        {
            if (!_message.Has(41) || !_message.Has(42))
            {
                _log.LogWarning("POS {Peer}: MTI {Mti:D4} without F41/F42: 30", _peer, _message.Mti);
                AnswerHere(ResponseCodes.FormatError);
            }
            else
            {
                _log.LogWarning("POS {Peer}: terminal {Terminal} of merchant {Merchant} is not registered: 97",
                    _peer, _message.GetAscii(41), _message.GetAscii(42));
                AnswerHere(ResponseCodes.TerminalNotRegistered);
            }
            return true;
        }

        var entityId = terminal.Key.EntityId;
        if (!_terminalIds.Contains(entityId))
        {
            _terminalIds.Add(entityId);
            _table.Add(entityId, this);
        }
        await _inFlight.WaitAsync(token);
        _terminals.Tell(new PosRequest(entityId, frame.ToArray(), replyTo));
        return true;
    }

    /// <summary>Closes the connection (an operator's kick): both loops stop and the socket is closed.</summary>
    public void Close()
    {
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }
    }

    /// <summary>The registered terminal of F42 + F41, looked up without allocating.</summary>
    private Terminal? FindTerminal()
    {
        if (!_message.Has(41) || !_message.Has(42)) return null;
        var merchant = _message.GetBytes(42);
        var terminal = _message.GetBytes(41);
        Span<char> id = stackalloc char[merchant.Length + 1 + terminal.Length];
        for (var i = 0; i < merchant.Length; i++) id[i] = (char)merchant[i];
        id[merchant.Length] = ':';
        for (var i = 0; i < terminal.Length; i++) id[merchant.Length + 1 + i] = (char)terminal[i];
        return _registry.FindTerminal(id);
    }

    private void AnswerHere(string code)
    {
        _answers.Begin(_message, code);
        _outbox.Writer.TryWrite(_answers.Finish(mac: null));
    }

    private async Task WriteLoopAsync(PipeWriter writer, CancellationToken token)
    {
        var outbox = _outbox.Reader;
        while (await outbox.WaitToReadAsync(token))
        {
            // Everything ready goes out with one flush.
            while (outbox.TryRead(out var frame)) writer.Write(frame);
            var flush = await writer.FlushAsync(token);
            if (flush.IsCompleted) return;
        }
    }

    private static string Prefix(ReadOnlySequence<byte> buffer) =>
        buffer.Length >= 2 ? Convert.ToHexString(buffer.Slice(0, 2).ToArray()) : "?";

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The connection is closing; the peer went away or we closed it.
        }
    }
}

/// <summary>Where terminal entities send this connection's answers: into its outbox.</summary>
internal sealed class PosConnectionActor : ReceiveActor
{
    public PosConnectionActor(ChannelWriter<byte[]> outbox, SemaphoreSlim inFlight)
    {
        Receive<PosAnswer>(answer =>
        {
            outbox.TryWrite(answer.Frame);
            try
            {
                inFlight.Release();
            }
            catch (SemaphoreFullException)
            {
                // A repeat answered after the original: more answers than requests held. Harmless.
            }
        });
    }
}
