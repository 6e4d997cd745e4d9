using ActorSwitch.Iso8583;

namespace ActorSwitch.PosSim.Terminal;

// Frames sent as given, for tests of malformed input.
public sealed partial class PosTerminal
{
    /// <summary>
    /// Sends <paramref name="frame"/> exactly as given (length prefix included, however wrong) and returns the
    /// first frame that comes back, parsed when it parses, or the fact that the connection closed or nothing
    /// came within the answer timeout. The terminal's state (trace, batch, keys, totals) is not touched.
    /// </summary>
    public async Task<RawExchangeResult> SendRawAsync(byte[] frame, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Enter();
        try
        {
            if (!await _connection.EnsureConnectedAsync(_options.ConnectTimeout, cancellation).ConfigureAwait(false))
                return new RawExchangeResult(ExchangeOutcome.NotConnected, null, null, null);
            if (!await _connection.SendAsync(frame, cancellation).ConfigureAwait(false))
                return new RawExchangeResult(ExchangeOutcome.ConnectionClosed, null, null, null);

            var receipt = await _connection.ReceiveFrameAsync(_answerTimeout, cancellation).ConfigureAwait(false);
            switch (receipt.Status)
            {
                case ReceiptStatus.TimedOut:
                    return new RawExchangeResult(ExchangeOutcome.TimedOut, null, null, null);
                case ReceiptStatus.Closed:
                    return new RawExchangeResult(ExchangeOutcome.ConnectionClosed, null, null, null);
                case ReceiptStatus.FramingError:
                    return new RawExchangeResult(ExchangeOutcome.MalformedAnswer, null, null, null);
            }

            var bytes = receipt.Frame.ToArray();
            var answer = new IsoMessage(Dialects.UnionPayPos);
            return IsoReader.TryParse(bytes, answer, out var error)
                ? new RawExchangeResult(ExchangeOutcome.Answered, bytes, answer, null)
                : new RawExchangeResult(ExchangeOutcome.MalformedAnswer, bytes, answer, error);
        }
        finally
        {
            Exit();
        }
    }
}
