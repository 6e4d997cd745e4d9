using System.Buffers;
using ActorSwitch.Iso8583;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// A simulated POS terminal speaking the UnionPay POS dialect to the switch over one TCP connection:
/// sign-on and working keys, financial and batch messages with PIN blocks and MACs, its own trace numbers,
/// batch number and batch totals. Every call returns a result; timeouts and closed connections are results
/// too. Connects on first use and again after the connection drops.
/// </summary>
/// <remarks>
/// One call at a time (any thread): a second call while one is in flight throws
/// <see cref="InvalidOperationException"/>. No static mutable state, so many terminals run side by side.
/// </remarks>
public sealed partial class PosTerminal : IAsyncDisposable
{
    private readonly TerminalOptions _options;
    private readonly TerminalMasterKey _masterKey;
    private readonly RequestFactory _requests;
    private readonly FrameConnection _connection;
    private readonly TraceCounter _trace;
    private readonly ArrayBufferWriter<byte> _output;
    private readonly BatchJournal _journal = new();
    private WorkingKeys? _keys;
    private TimeSpan _answerTimeout;
    private int _busy;

    public PosTerminal(TerminalOptions options, TerminalMasterKey masterKey)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(masterKey);
        options.Validate();
        _options = options;
        _masterKey = masterKey;
        _requests = new RequestFactory(options);
        _connection = new FrameConnection(options.Host, options.Port, Dialects.UnionPayPos, options.Clock);
        _trace = new TraceCounter(options.LastTrace);
        _output = new ArrayBufferWriter<byte>(Dialects.UnionPayPos.LengthPrefixSize + Dialects.UnionPayPos.MaxFrameLength);
        Batch = options.InitialBatch;
        _answerTimeout = options.AnswerTimeout;
    }

    public TerminalOptions Options => _options;

    /// <summary>How long the next calls wait for an answer; starts as <see cref="TerminalOptions.AnswerTimeout"/>
    /// (tests shorten it for the one exchange that is meant to time out).</summary>
    public TimeSpan AnswerTimeout
    {
        get => _answerTimeout;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _answerTimeout = value;
        }
    }

    /// <summary>The batch number in force (60.2 of the next financial request).</summary>
    public int Batch { get; private set; }

    /// <summary>The trace number (F11) of the last request.</summary>
    public int LastTrace => _trace.Last;

    /// <summary>The working keys of the last successful sign-on; null before it.</summary>
    public WorkingKeys? Keys => _keys;

    public bool IsSignedOn => _keys is not null;

    public bool IsConnected => _connection.IsConnected;

    /// <summary>The current batch's approved transactions, from which settlement totals are computed.</summary>
    public BatchJournal Journal => _journal;

    /// <summary>Answers that arrived for earlier requests after the terminal stopped waiting, and were discarded.</summary>
    public int LateAnswersDiscarded { get; private set; }

    /// <summary>Uses these working keys as if a sign-on had issued them (tests: a wrong MAK, a terminal that skipped sign-on).</summary>
    public void UseWorkingKeys(WorkingKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
    }

    /// <summary>Uses another batch number (tests: a terminal that kept a stale batch).</summary>
    public void UseBatch(int batch)
    {
        if (!BatchNumber.IsValid(batch))
            throw new ArgumentOutOfRangeException(nameof(batch), "A batch number is 000001..999999.");
        Batch = batch;
    }

    /// <summary>Connects now (otherwise the first call connects); false when the switch cannot be reached in time.</summary>
    public async Task<bool> ConnectAsync(CancellationToken cancellation = default)
    {
        Enter();
        try
        {
            return await _connection.EnsureConnectedAsync(_options.ConnectTimeout, cancellation).ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Drops the connection, as a GPRS link does; the next call reconnects.</summary>
    public void Disconnect()
    {
        Enter();
        try
        {
            _connection.Close();
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Fails over to another address of the switch (terminals carry a primary and a backup host): drops
    /// the connection; the next call connects there. Keys, batch and trace numbers stay as they are.
    /// </summary>
    public void SwitchHost(string host, int port)
    {
        Enter();
        try
        {
            _connection.Retarget(host, port);
        }
        finally
        {
            Exit();
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>Writes the request (with its MAC when <paramref name="withMac"/>), sends it and waits for its answer.</summary>
    private async Task<Exchange> ExchangeAsync(IsoMessage request, bool withMac, CancellationToken cancellation)
    {
        var sentAt = _options.Clock.GetLocalNow();
        WriteFrame(request, withMac);
        if (!await _connection.EnsureConnectedAsync(_options.ConnectTimeout, cancellation).ConfigureAwait(false))
            return new Exchange(ExchangeOutcome.NotConnected, null, null, sentAt);
        if (!await _connection.SendAsync(_output.WrittenMemory, cancellation).ConfigureAwait(false))
            return new Exchange(ExchangeOutcome.ConnectionClosed, null, null, sentAt);

        var started = _options.Clock.GetTimestamp();
        var answer = new IsoMessage(Dialects.UnionPayPos);
        while (true)
        {
            var remaining = _answerTimeout - _options.Clock.GetElapsedTime(started);
            var receipt = await _connection.ReceiveFrameAsync(remaining, cancellation).ConfigureAwait(false);
            switch (receipt.Status)
            {
                case ReceiptStatus.TimedOut:
                    return new Exchange(ExchangeOutcome.TimedOut, null, null, sentAt);
                case ReceiptStatus.Closed:
                    return new Exchange(ExchangeOutcome.ConnectionClosed, null, null, sentAt);
                case ReceiptStatus.FramingError:
                    return new Exchange(ExchangeOutcome.MalformedAnswer, null, null, sentAt);
            }

            if (!IsoReader.TryParse(receipt.Frame.Span, answer, out var error))
                return new Exchange(ExchangeOutcome.MalformedAnswer, answer, error, sentAt);
            if (AnswerMatcher.IsAnswerTo(request, answer))
                return new Exchange(ExchangeOutcome.Answered, answer, null, sentAt);
            LateAnswersDiscarded++;
        }
    }

    private void WriteFrame(IsoMessage request, bool withMac)
    {
        _output.ResetWrittenCount();
        if (withMac)
        {
            var keys = _keys ?? throw new InvalidOperationException("This message carries a MAC: sign on first (or UseWorkingKeys).");
            IsoWriter.Write(request, _output, keys.Mac);
        }
        else
        {
            IsoWriter.Write(request, _output);
        }

        // The result keeps exactly what went on the wire, MAC included: parse the frame back into the request.
        if (!IsoReader.TryParse(_output.WrittenSpan[Dialects.UnionPayPos.LengthPrefixSize..], request, out var error))
            throw new InvalidOperationException($"The terminal wrote a frame it cannot read back: {error}.");
    }

    private TransactionResult Read(TransactionKind kind, IsoMessage request, Card? card, in Exchange exchange,
        TransactionResult? original = null) =>
        AnswerReader.Read(kind, request, card, original, exchange, _keys);

    private void Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
            throw new InvalidOperationException("A PosTerminal serves one call at a time: await the previous call first.");
    }

    private void Exit() => Volatile.Write(ref _busy, 0);
}
