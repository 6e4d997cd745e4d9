using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.LoadRunner;

/// <summary>A simulated terminal as the load engine drives it: one operation at a time.</summary>
public interface ILoadTerminal : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Connects (when not connected) and signs on; the storm's operation.</summary>
    Task<OpResult> ConnectAndSignOnAsync(CancellationToken cancellation);

    /// <summary>Runs one operation of <paramref name="kind"/> (purchase, balance, void, reversal, echo, settlement).</summary>
    Task<OpResult> ExecuteAsync(string kind, CancellationToken cancellation);

    /// <summary>Approved transactions in the open batch (settlement needs some).</summary>
    int OpenBatchCount { get; }
}

/// <summary>What terminals share: the cards to spread over and the amounts.</summary>
public sealed class LoadContext
{
    private readonly Card[] _cards;
    private readonly long _minAmount, _maxAmount;

    public LoadContext(RunOptions options)
    {
        _cards = Enumerable.Range(options.FirstCard, options.LastCard - options.FirstCard + 1).Select(TestCards.Keyed).ToArray();
        _minAmount = options.MinAmount;
        _maxAmount = options.MaxAmount;
    }

    public Card NextCard() => _cards[Random.Shared.Next(_cards.Length)];

    public long NextAmount() => Random.Shared.NextInt64(_minAmount, _maxAmount + 1);
}

/// <summary>
/// A terminal of the switch: the POS simulator's <see cref="PosTerminal"/> (its own TCP connection, its TMK,
/// working keys from a real sign-on, F64 MACs and F52 PIN blocks, answers' MACs verified). A void or reversal
/// names this terminal's last approved purchase; with none at hand the terminal makes a purchase instead.
/// In <c>mirror</c> mode (the pos baseline) the answers come from an echo server that only turns the request
/// round, so an answer counts as OK once it arrives (its MAC cannot verify).
/// </summary>
public sealed class SwitchTerminal(PosTerminal pos, LoadContext context, bool mirror = false) : ILoadTerminal
{
    private TransactionResult? _lastPurchase;

    public string Name => pos.Options.MerchantId + ":" + pos.Options.TerminalId;

    public PosTerminal Pos => pos;

    public int OpenBatchCount => pos.Journal.Records.Count;

    public async Task<OpResult> ConnectAndSignOnAsync(CancellationToken cancellation)
    {
        try
        {
            if (!pos.IsConnected && !await pos.ConnectAsync(cancellation).ConfigureAwait(false))
                return new OpResult("signon", OpStatus.Error, "NotConnected");
            if (mirror) return new OpResult("signon", OpStatus.Ok, "connected");
            var result = await pos.SignOnAsync(cancellation).ConfigureAwait(false);
            if (result.Outcome != ExchangeOutcome.Answered) return new OpResult("signon", OpStatus.Error, result.Outcome.ToString());
            if (result.ResponseCode != "00") return new OpResult("signon", OpStatus.Declined, result.ResponseCode ?? "none");
            return result.KeyStatus == SignOnKeyStatus.Installed
                ? new OpResult("signon", OpStatus.Ok, "00")
                : new OpResult("signon", OpStatus.Error, "keys " + result.KeyStatus);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new OpResult("signon", OpStatus.Error, e.GetType().Name);
        }
    }

    public async Task<OpResult> ExecuteAsync(string kind, CancellationToken cancellation)
    {
        try
        {
            switch (kind)
            {
                case "void" when _lastPurchase is { } original:
                    _lastPurchase = null;
                    return Classify("void", await pos.VoidPurchaseAsync(original, cancellation: cancellation).ConfigureAwait(false));
                case "reversal" when _lastPurchase is { } original:
                    _lastPurchase = null;
                    return Classify("reversal", await pos.ReverseAsync(original, ReversalReason.Other, cancellation).ConfigureAwait(false));
                case "balance":
                    return Classify("balance", await pos.BalanceInquiryAsync(context.NextCard(), cancellation).ConfigureAwait(false));
                case "echo":
                    return Classify("echo", await pos.EchoAsync(cancellation).ConfigureAwait(false));
                case "settlement":
                    return await SettleAsync(cancellation).ConfigureAwait(false);
                case "signon":
                    return await ConnectAndSignOnAsync(cancellation).ConfigureAwait(false);
                default:
                    var purchase = await pos.PurchaseAsync(context.NextCard(), context.NextAmount(), cancellation).ConfigureAwait(false);
                    var result = Classify("purchase", purchase);
                    if (result.Status == OpStatus.Ok && !mirror) _lastPurchase = purchase;
                    return result;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new OpResult(kind, OpStatus.Error, e.GetType().Name);
        }
    }

    private async Task<OpResult> SettleAsync(CancellationToken cancellation)
    {
        _lastPurchase = null;
        var settled = await pos.SettleAsync(cancellation).ConfigureAwait(false);
        var result = Classify("settlement", settled);
        if (result.Status != OpStatus.Ok || !settled.NeedsUpload) return result;
        var upload = await pos.UploadBatchAsync(settled, cancellation).ConfigureAwait(false);
        var last = upload.Messages.Count > 0 ? upload.Messages[^1] : null;
        return last is not null && last.IsApproved
            ? new OpResult("settlement", OpStatus.Ok, "00 (uploaded)")
            : new OpResult("settlement", OpStatus.Declined, "upload " + (last?.ResponseCode ?? last?.Outcome.ToString() ?? "none"));
    }

    private OpResult Classify(string kind, TransactionResult r)
    {
        if (r.Outcome != ExchangeOutcome.Answered) return new OpResult(kind, OpStatus.Error, r.Outcome.ToString());
        if (mirror) return new OpResult(kind, OpStatus.Ok, "echoed");
        if (r.AnswerMac == MacStatus.Invalid) return new OpResult(kind, OpStatus.Error, "answer MAC invalid (" + r.ResponseCode + ")");
        var code = r.ResponseCode ?? "none";
        if (kind == "reversal") return new OpResult(kind, r.CompletesReversal ? OpStatus.Ok : OpStatus.Declined, code);
        if (code != "00") return new OpResult(kind, OpStatus.Declined, code);
        return r.IsApproved ? new OpResult(kind, OpStatus.Ok, code) : new OpResult(kind, OpStatus.Error, "00 with answer MAC " + r.AnswerMac);
    }

    public ValueTask DisposeAsync() => pos.DisposeAsync();
}

/// <summary>
/// The raw baseline's terminal: one TCP connection that sends a purchase frame built once (the bytes a
/// terminal sends: TPDU, header, PIN block, MAC) and waits for one frame back. No per-message work beyond
/// the socket calls: what loopback TCP and this machine can do at most.
/// </summary>
public sealed class RawEchoTerminal : ILoadTerminal
{
    private readonly string _host;
    private readonly int _port;
    private readonly byte[] _frame;
    private readonly byte[] _buffer = new byte[4096];
    private Socket? _socket;

    public RawEchoTerminal(string host, int port, string merchantId, string terminalId, Card card)
    {
        _host = host;
        _port = port;
        Name = merchantId + ":" + terminalId;
        _frame = PurchaseFrame(merchantId, terminalId, card);
    }

    public string Name { get; }

    public int OpenBatchCount => 0;

    public async Task<OpResult> ConnectAndSignOnAsync(CancellationToken cancellation)
    {
        if (_socket is not null) return new OpResult("signon", OpStatus.Ok, "connected");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_host, _port, cancellation).ConfigureAwait(false);
            _socket = socket;
            return new OpResult("signon", OpStatus.Ok, "connected");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return new OpResult("signon", OpStatus.Error, e.SocketErrorCode.ToString());
        }
    }

    public async Task<OpResult> ExecuteAsync(string kind, CancellationToken cancellation)
    {
        var socket = _socket;
        if (socket is null) return new OpResult("raw", OpStatus.Error, "NotConnected");
        try
        {
            await socket.SendAsync(_frame, SocketFlags.None, cancellation).ConfigureAwait(false);
            var have = 0;
            while (true)
            {
                var n = await socket.ReceiveAsync(_buffer.AsMemory(have), SocketFlags.None, cancellation).ConfigureAwait(false);
                if (n == 0) return new OpResult("raw", OpStatus.Error, "ConnectionClosed");
                have += n;
                if (have >= 2 && have >= 2 + ((_buffer[0] << 8) | _buffer[1])) return new OpResult("raw", OpStatus.Ok, "echoed");
            }
        }
        catch (SocketException e)
        {
            return new OpResult("raw", OpStatus.Error, e.SocketErrorCode.ToString());
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        _socket = null;
        return ValueTask.CompletedTask;
    }

    /// <summary>A purchase request as a terminal writes it (fields of pos-interface.md section 4, PIN block, MAC).</summary>
    public static byte[] PurchaseFrame(string merchantId, string terminalId, Card card)
    {
        var pik = new DesCipher(Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210"));
        var mac = new TerminalMac(Convert.FromHexString("0123456789ABCDEF"));
        var m = new IsoMessage(Dialects.UnionPayPos) { Tpdu = TerminalOptions.DefaultTpdu, Header = new PosHeader(60, 31, 0, 0, 0) };
        m.SetMti(200);
        m.SetDigits(2, card.Pan);
        m.SetDigits(3, "000000");
        m.SetNumber(4, 1234);
        m.SetNumber(11, 1);
        m.SetDigits(14, card.Expiry ?? TestCards.Expiry);
        m.SetDigits(22, "011");
        m.SetDigits(25, "00");
        m.SetDigits(26, PinPad.CaptureCode);
        Span<byte> pinBlock = stackalloc byte[8];
        PinPad.EncryptPinBlock(pik, card.Pin ?? TestCards.Pin, card.Pan, pinBlock);
        m.SetBinary(52, pinBlock);
        m.SetDigits(53, PinPad.DoubleLengthSecurityControl);
        m.SetAscii(41, terminalId);
        m.SetAscii(42, merchantId);
        m.SetAscii(49, "156");
        m.SetDigits(60, "22000001000");
        var output = new ArrayBufferWriter<byte>(512);
        IsoWriter.Write(m, output, mac);
        return output.WrittenSpan.ToArray();
    }
}

/// <summary>Terminal and merchant ids of the run: merchant "LR" + tag + serial, terminal "T" + serial.</summary>
public readonly record struct TerminalIdentity(string MerchantId, string TerminalId)
{
    public static string Merchant(string tag, int index) => "LR" + tag + index.ToString("D9", CultureInfo.InvariantCulture);

    public static string Terminal(int index) => "T" + index.ToString("D7", CultureInfo.InvariantCulture);
}
