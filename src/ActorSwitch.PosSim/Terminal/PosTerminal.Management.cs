using ActorSwitch.Iso8583;

namespace ActorSwitch.PosSim.Terminal;

// Sign-on, sign-off and echo: 0800/0820, no MAC.
public sealed partial class PosTerminal
{
    /// <summary>
    /// Signs on (0800, 60.3 = the configured layout, F63 = operator). On an approved answer the working keys
    /// of F62 are decrypted with the TMK and installed when every check value matches, and 60.2 of the answer
    /// becomes the batch in force. On anything else the previous keys and batch stay.
    /// </summary>
    public async Task<SignOnResult> SignOnAsync(CancellationToken cancellation = default)
    {
        Enter();
        try
        {
            var request = _requests.SignOn(_trace.Next(), Batch);
            var exchange = await ExchangeAsync(request, withMac: false, cancellation).ConfigureAwait(false);
            var (status, batch) = InstallKeys(exchange);
            return new SignOnResult(Read(TransactionKind.SignOn, request, null, exchange))
            {
                KeyStatus = status,
                AssignedBatch = batch,
            };
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Signs off (0820, 60.3 = 002). The terminal keeps its keys: the switch decides what sign-off means.</summary>
    public Task<TransactionResult> SignOffAsync(CancellationToken cancellation = default) =>
        ManagementAsync(TransactionKind.SignOff, _requests.SignOff, cancellation);

    /// <summary>Echo test (0820, 60.3 = 301).</summary>
    public Task<TransactionResult> EchoAsync(CancellationToken cancellation = default) =>
        ManagementAsync(TransactionKind.Echo, _requests.Echo, cancellation);

    private async Task<TransactionResult> ManagementAsync(TransactionKind kind, Func<int, int, IsoMessage> build, CancellationToken cancellation)
    {
        Enter();
        try
        {
            var request = build(_trace.Next(), Batch);
            var exchange = await ExchangeAsync(request, withMac: false, cancellation).ConfigureAwait(false);
            return Read(kind, request, null, exchange);
        }
        finally
        {
            Exit();
        }
    }

    private (SignOnKeyStatus Status, int Batch) InstallKeys(in Exchange exchange)
    {
        if (exchange.Outcome != ExchangeOutcome.Answered || exchange.Answer is not { } answer || answer.GetAscii(39) != "00")
            return (SignOnKeyStatus.NotApproved, -1);
        var batch = Field60.TryRead(answer, out var field60) ? field60.BatchNumber : -1;
        if (!answer.Has(62))
            return (SignOnKeyStatus.Field62Missing, batch);

        var status = WorkingKeys.TryDecode(_masterKey, _options.SignOnLayout, answer.GetBytes(62), _options.DoubleLengthMacKey, out var keys);
        if (status != SignOnKeyStatus.Installed)
            return (status, batch);
        _keys = keys;
        if (BatchNumber.IsValid(batch))
            Batch = batch;
        return (status, batch);
    }
}
