using ActorSwitch.PosSim.Terminal;

namespace ActorSwitch.PosSim.Cli;

/// <summary>
/// Runs a script step by step on one terminal. Follow-ups act on the session's latest transaction of the
/// kind they need (void: the last purchase; completion: the last pre-authorisation; reversal: the last
/// reversible transaction; repeat: the last transaction of any kind).
/// </summary>
internal sealed class ScriptRunner(PosTerminal terminal, Card card, Func<PurseCard> purseCard, Psam psam, Transcript transcript)
{
    private readonly Dictionary<TransactionKind, TransactionResult> _latest = [];
    private TransactionResult? _latestReversible;
    private TransactionResult? _latestAny;
    private PurseCard? _purse;

    /// <summary>Runs every step; true when each got an answer.</summary>
    public async Task<bool> RunAsync(IReadOnlyList<ScriptStep> script, CancellationToken cancellation)
    {
        var allAnswered = true;
        foreach (var step in script)
        {
            transcript.Step(step);
            var results = await RunStepAsync(step, cancellation).ConfigureAwait(false);
            if (results.Count == 0)
                allAnswered = false;
            foreach (var result in results)
            {
                transcript.Exchange(result);
                Remember(result);
                allAnswered &= result.Outcome == ExchangeOutcome.Answered;
            }
        }

        return allAnswered;
    }

    private async Task<IReadOnlyList<TransactionResult>> RunStepAsync(ScriptStep step, CancellationToken cancellation)
    {
        switch (step.Verb)
        {
            case ScriptVerb.SignOn:
                return [await terminal.SignOnAsync(cancellation).ConfigureAwait(false)];
            case ScriptVerb.SignOff:
                return [await terminal.SignOffAsync(cancellation).ConfigureAwait(false)];
            case ScriptVerb.Echo:
                return [await terminal.EchoAsync(cancellation).ConfigureAwait(false)];
            case ScriptVerb.Balance:
                return [await terminal.BalanceInquiryAsync(card, cancellation).ConfigureAwait(false)];
            case ScriptVerb.Purchase:
                return [await terminal.PurchaseAsync(card, step.Amount!.Value, cancellation).ConfigureAwait(false)];
            case ScriptVerb.PreAuthorization:
                return [await terminal.PreAuthorizeAsync(card, step.Amount!.Value, cancellation).ConfigureAwait(false)];
            case ScriptVerb.OfflineSettlement:
                return [await terminal.OfflineSettlementAsync(card, step.Amount!.Value, step.Argument ?? "000000", cancellation).ConfigureAwait(false)];
            case ScriptVerb.Purse:
                _purse ??= purseCard();
                var record = _purse.Purchase(checked((uint)step.Amount!.Value), psam, DateTime.Now);
                return [await terminal.UploadPurseRecordAsync(record, cancellation).ConfigureAwait(false)];
            case ScriptVerb.Settle:
                return await SettleAsync(cancellation).ConfigureAwait(false);
        }

        return await FollowUpAsync(step, cancellation).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<TransactionResult>> FollowUpAsync(ScriptStep step, CancellationToken cancellation)
    {
        var (original, needed) = step.Verb switch
        {
            ScriptVerb.Void or ScriptVerb.Refund => (Latest(TransactionKind.Purchase), "purchase"),
            ScriptVerb.PreAuthorizationCancel or ScriptVerb.Completion => (Latest(TransactionKind.PreAuthorization), "pre-authorisation"),
            ScriptVerb.CompletionVoid => (Latest(TransactionKind.PreAuthorizationCompletion), "completion"),
            ScriptVerb.Reversal => (_latestReversible, "reversible transaction"),
            _ => (_latestAny, "transaction"),
        };
        if (original is null)
        {
            transcript.Note($"skipped: no {needed} in this session yet");
            return [];
        }

        TransactionResult result = step.Verb switch
        {
            ScriptVerb.Void => await terminal.VoidPurchaseAsync(original, null, cancellation).ConfigureAwait(false),
            ScriptVerb.Refund => await terminal.RefundAsync(original, step.Amount ?? original.Amount, null, cancellation).ConfigureAwait(false),
            ScriptVerb.PreAuthorizationCancel => await terminal.CancelPreAuthorizationAsync(original, null, cancellation).ConfigureAwait(false),
            ScriptVerb.Completion => await terminal.CompletePreAuthorizationAsync(original, step.Amount ?? original.Amount, null, cancellation).ConfigureAwait(false),
            ScriptVerb.CompletionVoid => await terminal.VoidCompletionAsync(original, null, cancellation).ConfigureAwait(false),
            ScriptVerb.Reversal => await terminal.ReverseAsync(original, ReasonOf(step, original), cancellation).ConfigureAwait(false),
            _ => await terminal.RepeatAsync(original, cancellation).ConfigureAwait(false),
        };
        return [result];
    }

    private async Task<IReadOnlyList<TransactionResult>> SettleAsync(CancellationToken cancellation)
    {
        var settlement = await terminal.SettleAsync(cancellation).ConfigureAwait(false);
        if (!settlement.NeedsUpload)
            return [settlement];
        transcript.Note("the switch's totals differ: uploading the batch");
        var upload = await terminal.UploadBatchAsync(settlement, cancellation).ConfigureAwait(false);
        return [settlement, .. upload.Messages];
    }

    private static ReversalReason ReasonOf(ScriptStep step, TransactionResult original) => step.Argument switch
    {
        "98" => ReversalReason.NoAnswer,
        "A0" => ReversalReason.BadAnswerMac,
        "06" => ReversalReason.Other,
        _ => ReversalReasons.For(original),
    };

    private TransactionResult? Latest(TransactionKind kind) => _latest.GetValueOrDefault(kind);

    private void Remember(TransactionResult result)
    {
        if (result.Kind is TransactionKind.SignOn or TransactionKind.SignOff or TransactionKind.Echo)
            return;
        _latest[result.Kind] = result;
        _latestAny = result;
        if (result.Kind.IsReversible())
            _latestReversible = result;
    }
}
