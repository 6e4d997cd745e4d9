using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.Sockets;
using ActorSwitch.Iso8583;
using ActorSwitch.Security.Module;

namespace ActorSwitch.Central.Tests.Support;

/// <summary>
/// A small acquirer that speaks docs/interfaces/central.md: it signs on, imports the ZPK and ZAK from F48
/// under the demo ZMK into its own security module, MACs its requests (X9.19) and checks the MACs of the
/// answers, and sends PIN blocks under the ZPK. Answers are collected as they arrive, in any order,
/// and matched by MTI, F37 and F11.
/// </summary>
public sealed class CentralClient : IAsyncDisposable
{
    public const string Acquirer = "48020000";
    public const string Centre = "00010000";
    private static int _trace = Random.Shared.Next(1, 500_000);

    private readonly TcpClient _tcp;
    private readonly PipeReader _reader;
    private readonly Stream _stream;
    private readonly List<ReceivedMessage> _received = [];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readLoop;

    private CentralClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = PipeReader.Create(_stream);
        Module = new SoftwareSecurityModule(SecurityModuleOptions.Development());
        ZoneMasterKey = Module.LoadKeyFromComponents(KeySpecification.ZoneMasterKey, DemoKeys.ZoneMasterKeyComponents).Key;
        _readLoop = ReadLoopAsync();
    }

    public SoftwareSecurityModule Module { get; }
    public KeyHandle ZoneMasterKey { get; }
    public KeyHandle? PinKey { get; private set; }
    public KeyHandle? MacKey { get; private set; }

    /// <summary>Completes when the centre closed the connection.</summary>
    public Task Closed => _readLoop;

    public static async Task<CentralClient> ConnectAsync(int port, bool signOn = true)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port);
        var client = new CentralClient(tcp);
        if (signOn)
        {
            var answer = await client.NetworkManagementAsync("001");
            Assert.Equal("00", answer.Message.GetAscii(39));
        }
        return client;
    }

    public static int NextTrace() => Interlocked.Increment(ref _trace) % 1_000_000;

    /// <summary>0800 with F70 <paramref name="code"/>; on 001 and 101 the keys of F48 are imported.</summary>
    public async Task<ReceivedMessage> NetworkManagementAsync(string code, string institution = Acquirer)
    {
        var request = new IsoMessage(Dialects.CentralHost);
        request.SetMti(800);
        request.SetDigits(7, DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture));
        var trace = NextTrace();
        request.SetNumber(11, (ulong)trace);
        request.SetDigits(33, institution);
        request.SetDigits(70, code);
        await SendAsync(request, mac: false);
        var answer = await WaitForAsync(m => m.Mti == 810 && m.TryGetUInt64(11, out var t) && (int)t == trace);
        if (code is "001" or "101" && answer.Message.GetAscii(39) == "00")
        {
            var blocks = answer.Message.GetAscii(48)!.Split('|');
            PinKey = Module.ImportKey(ZoneMasterKey, blocks[0]);
            MacKey = Module.ImportKey(ZoneMasterKey, blocks[1]);
        }
        return answer;
    }

    /// <summary>Sends a financial request (MACed under the ZAK unless told not to) and waits for its answer.</summary>
    public async Task<ReceivedMessage> ExchangeAsync(IsoMessage request, bool mac = true, TimeSpan? timeout = null)
    {
        var rrn = request.GetAscii(37);
        request.TryGetUInt64(11, out var trace);
        await SendAsync(request, mac);
        return await WaitForAsync(m => m.Mti == request.Mti / 10 * 10 + 10 && m.GetAscii(37) == rrn
                                       && m.TryGetUInt64(11, out var t) && t == trace, timeout);
    }

    public async Task SendAsync(IsoMessage request, bool mac = true)
    {
        var buffer = new ArrayBufferWriter<byte>();
        if (mac)
        {
            var key = MacKey ?? throw new InvalidOperationException("Not signed on: no ZAK.");
            IsoWriter.Write(request, buffer, (block, output) => Module.GenerateMac(key, MacAlgorithm.AnsiX919, block, output));
        }
        else
        {
            IsoWriter.Write(request, buffer);
        }
        await SendRawAsync(buffer.WrittenMemory);
    }

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        await _writeLock.WaitAsync();
        try
        {
            await _stream.WriteAsync(bytes);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The first received message matching <paramref name="match"/> (taken off the list).</summary>
    public async Task<ReceivedMessage> WaitForAsync(Func<IsoMessage, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            Task arrived;
            lock (_received)
            {
                var index = _received.FindIndex(r => match(r.Message));
                if (index >= 0)
                {
                    var found = _received[index];
                    _received.RemoveAt(index);
                    return found;
                }
                arrived = _arrived.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException("No matching answer from the centre.");
            await Task.WhenAny(arrived, Task.Delay(left), _readLoop);
            if (_readLoop.IsCompleted && !arrived.IsCompleted) throw new IOException("The centre closed the connection.");
        }
    }

    /// <summary>Whether any message matching arrives within <paramref name="within"/> (for dropped answers).</summary>
    public async Task<bool> ReceivesAsync(Func<IsoMessage, bool> match, TimeSpan within)
    {
        try
        {
            await WaitForAsync(match, within);
            return true;
        }
        catch (Exception error) when (error is TimeoutException or IOException)
        {
            return false;
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync();
                var buffer = result.Buffer;
                while (FrameReader.TryReadFrame(ref buffer, Dialects.CentralHost, out var frame, out _))
                {
                    var message = new IsoMessage(Dialects.CentralHost);
                    Assert.True(IsoReader.TryParse(frame, message, out var error), $"unparsable answer: {error}");
                    var macValid = !message.ReceivedMac.IsEmpty && MacKey is { } key
                                   && Module.VerifyMac(key, MacAlgorithm.AnsiX919, message.ReceivedMacBlock, message.ReceivedMac);
                    lock (_received)
                    {
                        _received.Add(new ReceivedMessage(message, !message.ReceivedMac.IsEmpty, macValid, DateTime.UtcNow));
                        _arrived.TrySetResult();
                        _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) return;
            }
        }
        catch (IOException)
        {
            // reset by the centre
        }
        catch (ObjectDisposedException)
        {
            // disposed by the test
        }
    }

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        try { await _readLoop.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { /* closing anyway */ }
        _writeLock.Dispose();
    }
}

/// <summary>An answer from the centre: whether it carried a MAC and whether that verified under our ZAK.</summary>
public sealed record ReceivedMessage(IsoMessage Message, bool HasMac, bool MacValid, DateTime ReceivedAt)
{
    public string? ResponseCode => Message.GetAscii(39);
    public string? AuthCode => Message.GetAscii(38);
}
