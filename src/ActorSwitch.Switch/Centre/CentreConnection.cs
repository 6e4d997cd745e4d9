using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using ActorSwitch.Iso8583;
using ActorSwitch.Security.Module;

namespace ActorSwitch.Switch.Centre;

/// <summary>
/// One long-lived TCP connection to the centre: connects, signs on (importing the ZPK and ZAK it is
/// given under the ZMK), echoes when idle, reads answers and hands the decisions to the link,
/// reconnects with backoff when anything breaks. Writes are queued and flushed in batches by one
/// writer loop, so many requests share a system call.
/// </summary>
public sealed class CentreConnection
{
    private readonly CentreLinkSettings _settings;
    private readonly ISecurityModule _security;
    private readonly KeyHandle _zoneMasterKey;
    private readonly IActorRef _link;
    private readonly ILoggingAdapter _log;
    private Channel<byte[]> _outbox = NewOutbox();
    private int _trace;

    public CentreConnection(int id, CentreLinkSettings settings, ISecurityModule security, KeyHandle zoneMasterKey,
        IActorRef link, ILoggingAdapter log)
    {
        Id = id;
        _settings = settings;
        _security = security;
        _zoneMasterKey = zoneMasterKey;
        _link = link;
        _log = log;
    }

    public int Id { get; }

    private volatile ZoneKeys? _keys;
    private volatile ZoneKeys? _previousKeys;

    /// <summary>The keys of the current session; null while not signed on. Read by the link's thread.</summary>
    public ZoneKeys? Keys
    {
        get => _keys;
        private set => _keys = value;
    }

    private volatile ConnectionReport _report = new("connecting", DateTimeOffset.UtcNow, null, null);

    /// <summary>What an operator sees of this connection (operator API): its state since when, and its last error.</summary>
    public CentreConnectionDetails Details
    {
        get
        {
            var r = _report;
            return new CentreConnectionDetails(Id, r.State, r.Since, r.LastError, r.LastErrorAt);
        }
    }

    private void Report(string state, string? error = null)
    {
        var previous = _report;
        var now = DateTimeOffset.UtcNow;
        _report = error is null
            ? previous with { State = state, Since = now }
            : new ConnectionReport(state, now, error, now);
    }

    /// <summary>Queues a whole frame (length prefix included); false when the connection is down or full.</summary>
    public bool TrySend(byte[] frame) => Keys is not null && _outbox.Writer.TryWrite(frame);

    public async Task RunAsync(CancellationToken stop)
    {
        var backoff = _settings.ReconnectMin;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(_settings.Host, _settings.Port, stop);
                Report("signing-on");
                await using var stream = new NetworkStream(socket, ownsSocket: false);
                var reader = PipeReader.Create(stream);
                var writer = PipeWriter.Create(stream);
                _outbox = NewOutbox();
                using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);

                _previousKeys = null;
                Keys = await SignOnAsync(reader, writer, session.Token);
                backoff = _settings.ReconnectMin;
                Report("signed-on");
                _link.Tell(new CentreConnectionUp(Id));
                _log.Info("Centre link {0}: connected to {1} and signed on", Id, _settings.Address);

                var reading = ReadLoopAsync(reader, writer, session.Token);
                var writing = WriteLoopAsync(writer, session.Token);
                await Task.WhenAny(reading, writing);
                await session.CancelAsync();
                await Task.WhenAll(Ignore(reading), Ignore(writing));
                throw new IOException("connection closed");
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                var wasUp = Keys is not null;
                Keys = null;
                _outbox.Writer.TryComplete();
                Report("down", e.Message);
                if (wasUp) _link.Tell(new CentreConnectionDown(Id, e.Message));
                _log.Warning("Centre link {0}: {1} ({2}); reconnecting in {3}", Id, wasUp ? "lost" : "cannot connect", e.Message, backoff);
                try
                {
                    await Task.Delay(backoff, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                backoff = TimeSpan.FromTicks(Math.Min(_settings.ReconnectMax.Ticks, backoff.Ticks * 2));
            }
        }
    }

    private async Task<ZoneKeys> SignOnAsync(PipeReader reader, PipeWriter writer, CancellationToken token)
    {
        var request = new IsoMessage(Dialects.CentralHost);
        var trace = NextTrace();
        CentreWire.BuildNetworkManagement(request, CentreWire.SignOn, trace, _settings, DateTimeOffset.UtcNow);
        IsoWriter.Write(request, writer);
        await writer.FlushAsync(token);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(_settings.SignOnTimeout);
        var answer = new IsoMessage(Dialects.CentralHost);
        while (true)
        {
            var result = await reader.ReadAsync(timeout.Token);
            var buffer = result.Buffer;
            try
            {
                while (FrameReader.TryReadFrame(ref buffer, Dialects.CentralHost, out var frame, out _))
                {
                    if (!IsoReader.TryParse(frame, answer, out var error))
                        throw new IOException($"unreadable sign-on answer: {error.Kind} at field {error.Field}");
                    if (answer.Mti != 810 || !answer.TryGetUInt64(11, out var t) || (int)t != trace) continue;
                    var code = answer.GetAscii(39);
                    if (code != "00") throw new IOException($"sign-on refused with {code}");
                    return ImportKeys(answer.GetAscii(48));
                }
                if (buffer.IsEmpty && result.IsCompleted) throw new IOException("closed during sign-on");
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
            if (result.IsCompleted) throw new IOException("closed during sign-on");
        }
    }

    private ZoneKeys ImportKeys(string? field48)
    {
        var blocks = field48?.Split('|');
        if (blocks is not { Length: 2 }) throw new IOException("sign-on answer without the ZPK|ZAK key blocks in F48");
        var keys = new ZoneKeys(_security.ImportKey(_zoneMasterKey, blocks[0]), _security.ImportKey(_zoneMasterKey, blocks[1]));
        _log.Info("Centre link {0}: zone keys imported (ZPK KCV {1}, ZAK KCV {2})", Id,
            _security.CheckValue(keys.PinKey), _security.CheckValue(keys.MacKey));
        return keys;
    }

    private async Task ReadLoopAsync(PipeReader reader, PipeWriter writer, CancellationToken token)
    {
        var message = new IsoMessage(Dialects.CentralHost);
        while (true)
        {
            var result = await reader.ReadAsync(token);
            var buffer = result.Buffer;
            while (true)
            {
                if (!FrameReader.TryReadFrame(ref buffer, Dialects.CentralHost, out var frame, out var frameError))
                {
                    if (frameError != FrameError.None) throw new IOException($"framing error from the centre: {frameError}");
                    break;
                }
                HandleFrame(frame, message);
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted) return;
        }
    }

    private bool Verifies(ZoneKeys keys, IsoMessage message) =>
        _security.VerifyMac(keys.MacKey, MacAlgorithm.AnsiX919, message.ReceivedMacBlock, message.ReceivedMac);

    private void HandleFrame(in ReadOnlySequence<byte> frame, IsoMessage message)
    {
        if (!IsoReader.TryParse(frame, message, out var error))
        {
            _log.Warning("Centre link {0}: unreadable frame from the centre ({1} at field {2}, offset {3})", Id, error.Kind, error.Field, error.Offset);
            return;
        }
        if (message.Mti == 800)
        {
            // The centre's own echo test: answer it.
            var answer = new IsoMessage(Dialects.CentralHost);
            CentreWire.BuildNetworkManagementAnswer(message, answer, "00");
            var bytes = new byte[IsoWriter.GetFrameSize(answer)];
            IsoWriter.Write(answer, bytes);
            _outbox.Writer.TryWrite(bytes);
            return;
        }
        if (message.Mti == 810 && message.TryGetUInt64(70, out var code) && (int)code == CentreWire.KeyChange)
        {
            OnKeyChangeAnswer(message);
            return;
        }
        if (!CentreWire.IsFinancialAnswer(message.Mti)) return; // answers to our echoes
        var keys = Keys;
        if (keys is null) return;
        if (message.ReceivedMac.IsEmpty || !(Verifies(keys, message) || _previousKeys is { } previous && Verifies(previous, message)))
        {
            // An answer we cannot trust is no answer: the terminal side's deadline reverses it.
            _log.Warning("Centre link {0}: answer {1} for {2} failed its MAC; ignored", Id, message.Mti, message.GetAscii(37));
            return;
        }
        if (CentreWire.TryReadDecision(message, DateTimeOffset.UtcNow, out var decision)) _link.Tell(decision);
    }

    /// <summary>
    /// New zone keys for this connection. Requests already sent under the old keys are still answered
    /// under them (the centre keeps superseded keys for a grace period), and answers are verified under
    /// whichever keys match.
    /// </summary>
    private void OnKeyChangeAnswer(IsoMessage answer)
    {
        var code = answer.GetAscii(39);
        if (code != "00")
        {
            _log.Warning("Centre link {0}: key change refused with {1}; the current keys stay", Id, code);
            return;
        }
        try
        {
            var fresh = ImportKeys(answer.GetAscii(48));
            _previousKeys = Keys;
            Keys = fresh;
        }
        catch (Exception e) when (e is IOException or SecurityModuleException)
        {
            _log.Warning("Centre link {0}: key change answer unusable ({1}); the current keys stay", Id, e.Message);
        }
    }

    private async Task WriteLoopAsync(PipeWriter writer, CancellationToken token)
    {
        var outbox = _outbox.Reader;
        var echo = new IsoMessage(Dialects.CentralHost);
        var nextKeyChange = DateTime.UtcNow + _settings.KeyChangeInterval;
        while (true)
        {
            if (DateTime.UtcNow >= nextKeyChange)
            {
                nextKeyChange = DateTime.UtcNow + _settings.KeyChangeInterval;
                CentreWire.BuildNetworkManagement(echo, CentreWire.KeyChange, NextTrace(), _settings, DateTimeOffset.UtcNow);
                IsoWriter.Write(echo, writer);
                await writer.FlushAsync(token);
            }
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(token);
            idle.CancelAfter(Min(_settings.EchoInterval, nextKeyChange - DateTime.UtcNow));
            try
            {
                if (!await outbox.WaitToReadAsync(idle.Token)) return;
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                if (DateTime.UtcNow >= nextKeyChange) continue; // time for a key change, not an echo
                // Idle for a whole echo interval: prove the link is alive.
                CentreWire.BuildNetworkManagement(echo, CentreWire.Echo, NextTrace(), _settings, DateTimeOffset.UtcNow);
                IsoWriter.Write(echo, writer);
                await writer.FlushAsync(token);
                continue;
            }
            // Drain everything queued, then one flush: a batch of requests costs one write.
            while (outbox.TryRead(out var frame)) writer.Write(frame);
            var flush = await writer.FlushAsync(token);
            if (flush.IsCompleted) return;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b < TimeSpan.Zero ? TimeSpan.Zero : b;

    private int NextTrace() => Interlocked.Increment(ref _trace) % 1_000_000;

    private static Channel<byte[]> NewOutbox() =>
        Channel.CreateBounded<byte[]>(new BoundedChannelOptions(20_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private static async Task Ignore(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // The session is over; the reason was already seen by the loop that ended first.
        }
    }
}

public sealed record CentreConnectionUp(int Id);

internal sealed record ConnectionReport(string State, DateTimeOffset Since, string? LastError, DateTimeOffset? LastErrorAt);

public sealed record CentreConnectionDown(int Id, string Reason);
