using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;

namespace ActorSwitch.PosSim.Tests.Support;

/// <summary>A loopback switch and a terminal pointed at it. By default the switch answers sign-ons with
/// keys under <see cref="SwitchSide.Tmk"/> and batch 42, and approves everything else with a valid MAC;
/// a test may answer some requests its own way (return null from the override to fall back).</summary>
internal sealed class LoopbackSession : IAsyncDisposable
{
    public const string MerchantId = "309310083985008";
    public const string TerminalId = "50080001";

    public LoopbackSession(Func<LoopbackSession, IsoMessage, SwitchReply?>? answer = null, TimeSpan? timeout = null, Func<TerminalOptions, TerminalOptions>? configure = null)
    {
        Switch = new LoopbackSwitch(frame =>
        {
            var request = new IsoMessage(Dialects.UnionPayPos);
            if (!IsoReader.TryParse(frame, request, out _))
                return SwitchReply.CloseConnection;
            return answer?.Invoke(this, request) ?? Standard(request);
        });
        var options = new TerminalOptions
        {
            Host = "127.0.0.1",
            Port = Switch.Port,
            MerchantId = MerchantId,
            TerminalId = TerminalId,
            AnswerTimeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        Terminal = new PosTerminal(configure?.Invoke(options) ?? options, TerminalMasterKey.FromClear(SwitchSide.Tmk));
    }

    public SwitchSide Side { get; } = new();

    public LoopbackSwitch Switch { get; }

    public PosTerminal Terminal { get; }

    /// <summary>The last frame the switch received, parsed.</summary>
    public IsoMessage LastReceived => Messages.Parse(Switch.Received.Last());

    public async Task<SignOnResult> SignOnAsync()
    {
        var result = await Terminal.SignOnAsync();
        Assert.Equal(SignOnKeyStatus.Installed, result.KeyStatus);
        return result;
    }

    public SwitchReply Standard(IsoMessage request) => SwitchReply.Send(request.Mti == 800
        ? Side.SignOnAnswer(request)
        : Side.FinancialAnswer(request));

    public async ValueTask DisposeAsync()
    {
        await Terminal.DisposeAsync();
        await Switch.DisposeAsync();
    }
}
