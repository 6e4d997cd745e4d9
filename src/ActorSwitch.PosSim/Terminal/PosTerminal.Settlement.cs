using ActorSwitch.Iso8583;
namespace ActorSwitch.PosSim.Terminal;

// Batch settlement 0500 and batch upload 0320.
public sealed partial class PosTerminal
{
    /// <summary>
    /// Settles the current batch (0500, F48 = the terminal's totals, 60.3 = 201). When the switch answers 00
    /// the batch is closed: its records go into the result (for an upload) and the next batch number is in
    /// force, as the switch expects. Otherwise the batch stays open.
    /// </summary>
    public async Task<SettlementResult> SettleAsync(CancellationToken cancellation = default)
    {
        Enter();
        try
        {
            var totals = _journal.Totals();
            var request = _requests.Settlement(_trace.Next(), Batch, totals);
            var exchange = await ExchangeAsync(request, withMac: true, cancellation).ConfigureAwait(false);
            var result = Read(TransactionKind.Settlement, request, null, exchange);
            int domesticResult = -1, foreignResult = -1;
            if (result.Answer?.GetAscii(48) is { } answered)
                SettlementTotals.TryParseField48(answered, out _, out domesticResult, out foreignResult);

            IReadOnlyList<BatchRecord> settled = [];
            if (result.Outcome == ExchangeOutcome.Answered && result.ResponseCode == "00")
            {
                settled = _journal.Close();
                Batch = BatchNumber.Next(Batch);
            }

            return new SettlementResult(result)
            {
                Totals = totals,
                DomesticResult = domesticResult,
                ForeignResult = foreignResult,
                Records = settled,
            };
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Uploads the settled batch's card transactions (0320, 60.3 = 201, at most 8 items each, 60.2 = the
    /// settled batch), then ends with 0320/202. Stops at the first message not approved. Purse records
    /// are not repeated: each went up with its TAC already.
    /// </summary>
    public async Task<BatchUploadResult> UploadBatchAsync(SettlementResult settlement, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        Enter();
        try
        {
            var items = UploadItems(settlement);
            var messages = new List<TransactionResult>();
            for (var start = 0; start < items.Length; start += BatchUploadField.MaxItems)
            {
                var chunk = items[start..Math.Min(start + BatchUploadField.MaxItems, items.Length)];
                var request = _requests.BatchUpload(_trace.Next(), settlement.Batch, chunk);
                var exchange = await ExchangeAsync(request, withMac: true, cancellation).ConfigureAwait(false);
                var result = Read(TransactionKind.BatchUpload, request, null, exchange);
                messages.Add(result);
                if (!result.IsApproved)
                    return new BatchUploadResult(messages);
            }

            messages.Add(await EndUploadAsync(settlement.Batch, items.Length, BatchUploadEnd.AfterMismatch, cancellation)
                .ConfigureAwait(false));
            return new BatchUploadResult(messages);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Ends a batch upload (0320, 60.3 = 202 or 207; F48 = the number of detail records, n4).</summary>
    public async Task<TransactionResult> EndBatchUploadAsync(SettlementResult settlement, BatchUploadEnd end,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        Enter();
        try
        {
            return await EndUploadAsync(settlement.Batch, UploadItems(settlement).Length, end, cancellation).ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    private async Task<TransactionResult> EndUploadAsync(int batch, int itemCount, BatchUploadEnd end, CancellationToken cancellation)
    {
        var request = _requests.BatchUploadEnd(_trace.Next(), batch, itemCount, end);
        var exchange = await ExchangeAsync(request, withMac: true, cancellation).ConfigureAwait(false);
        return Read(TransactionKind.BatchUploadEnd, request, null, exchange);
    }

    private static BatchUploadItem[] UploadItems(SettlementResult settlement) =>
        settlement.Records.Where(record => record.Pan is not null).Select(record => record.ToUploadItem()).ToArray();
}
