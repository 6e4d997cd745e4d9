using ActorSwitch.Security.Purse;

namespace ActorSwitch.PosSim.Terminal;

// Card transactions, advices, purse uploads, reversals and repeats: every one carries a MAC.
// Follow-ups take their original as a result of this terminal; the card defaults to the original's.
public sealed partial class PosTerminal
{
    private const long MaxAmount = 999_999_999_999; // n12 fen

    public Task<TransactionResult> PurchaseAsync(Card card, long amount, CancellationToken cancellation = default) =>
        CardTransactionAsync(TransactionKind.Purchase, card, amount, null, null, cancellation);

    public Task<TransactionResult> BalanceInquiryAsync(Card card, CancellationToken cancellation = default) =>
        CardTransactionAsync(TransactionKind.BalanceInquiry, card, 0, null, null, cancellation);

    public Task<TransactionResult> PreAuthorizeAsync(Card card, long amount, CancellationToken cancellation = default) =>
        CardTransactionAsync(TransactionKind.PreAuthorization, card, amount, null, null, cancellation);

    /// <summary>Cancels a pre-authorisation for its full amount (F37, F38 and F61 of the pre-authorisation).</summary>
    public Task<TransactionResult> CancelPreAuthorizationAsync(TransactionResult preAuthorization, Card? card = null,
        CancellationToken cancellation = default) =>
        FollowUpAsync(TransactionKind.PreAuthorizationCancel, preAuthorization, preAuthorization.Amount, card, cancellation);

    /// <summary>Completes a pre-authorisation for <paramref name="amount"/> (F37, F38 and F61 of the pre-authorisation).</summary>
    public Task<TransactionResult> CompletePreAuthorizationAsync(TransactionResult preAuthorization, long amount, Card? card = null,
        CancellationToken cancellation = default) =>
        FollowUpAsync(TransactionKind.PreAuthorizationCompletion, preAuthorization, amount, card, cancellation);

    /// <summary>Voids a completion for its full amount (F37, F38 and F61 of the completion).</summary>
    public Task<TransactionResult> VoidCompletionAsync(TransactionResult completion, Card? card = null,
        CancellationToken cancellation = default) =>
        FollowUpAsync(TransactionKind.CompletionVoid, completion, completion.Amount, card, cancellation);

    /// <summary>Voids a purchase for its full amount (F37, F38 and F61 of the purchase).</summary>
    public Task<TransactionResult> VoidPurchaseAsync(TransactionResult purchase, Card? card = null,
        CancellationToken cancellation = default) =>
        FollowUpAsync(TransactionKind.PurchaseVoid, purchase, purchase.Amount, card, cancellation);

    /// <summary>Refund advice 0220 for <paramref name="amount"/> (F37 of the purchase, F61 with its date).</summary>
    public Task<TransactionResult> RefundAsync(TransactionResult purchase, long amount, Card? card = null,
        CancellationToken cancellation = default) =>
        FollowUpAsync(TransactionKind.Refund, purchase, amount, card, cancellation);

    /// <summary>Offline settlement advice 0220: a sale authorised by voice, with its authorisation code in F38.</summary>
    public Task<TransactionResult> OfflineSettlementAsync(Card card, long amount, string authorizationCode,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(authorizationCode);
        return CardTransactionAsync(TransactionKind.OfflineSettlement, card, amount, null, authorizationCode, cancellation);
    }

    /// <summary>Uploads one offline e-purse purchase (0320, 60.1 = 36, the record in F58, F4 = its amount).</summary>
    public async Task<TransactionResult> UploadPurseRecordAsync(OfflinePurseRecord record, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        Enter();
        try
        {
            var request = _requests.PurseUpload(record, _trace.Next(), Batch);
            return await SendCountedAsync(TransactionKind.PurseUpload, request, null, null, cancellation).ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Reverses <paramref name="original"/> (0400 with its key fields, its trace and 60, F39 = the reason).
    /// An answer 00, 12 or 25 completes the reversal: the original leaves the batch totals.
    /// </summary>
    public async Task<TransactionResult> ReverseAsync(TransactionResult original, ReversalReason reason,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(original);
        Enter();
        try
        {
            var request = _requests.Reversal(original, reason);
            var exchange = await ExchangeAsync(request, withMac: true, cancellation).ConfigureAwait(false);
            var result = Read(TransactionKind.Reversal, request, original.Card, exchange, original);
            Count(result);
            return result;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Reverses with the reason a terminal would give (<see cref="ReversalReasons.For"/>).</summary>
    public Task<TransactionResult> ReverseAsync(TransactionResult original, CancellationToken cancellation = default) =>
        ReverseAsync(original, ReversalReasons.For(original), cancellation);

    /// <summary>
    /// Sends <paramref name="previous"/>'s request again, same trace and content, with a fresh MAC: what a
    /// terminal that lost an answer does (the switch answers a repeat with its stored answer).
    /// </summary>
    public async Task<TransactionResult> RepeatAsync(TransactionResult previous, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(previous);
        Enter();
        try
        {
            var request = RequestFactory.CopyOf(previous.Request);
            var withMac = previous.Kind.CarriesMac();
            var exchange = await ExchangeAsync(request, withMac, cancellation).ConfigureAwait(false);
            var result = Read(previous.Kind, request, previous.Card, exchange, previous.Original);
            Count(result);
            return result;
        }
        finally
        {
            Exit();
        }
    }

    private Task<TransactionResult> FollowUpAsync(TransactionKind kind, TransactionResult original, long amount, Card? card,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(original);
        var presented = card ?? original.Card
            ?? throw new ArgumentException("The original has no card: pass the card.", nameof(card));
        return CardTransactionAsync(kind, presented, amount, original, null, cancellation);
    }

    private async Task<TransactionResult> CardTransactionAsync(TransactionKind kind, Card card, long amount,
        TransactionResult? original, string? authorizationCode, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, MaxAmount);
        Enter();
        try
        {
            var keys = _keys ?? throw new InvalidOperationException("Financial messages need working keys: sign on first.");
            var request = _requests.Financial(FinancialProfile.For(kind), card, amount, _trace.Next(), Batch,
                original, authorizationCode, keys);
            return await SendCountedAsync(kind, request, card, original, cancellation).ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    private async Task<TransactionResult> SendCountedAsync(TransactionKind kind, Iso8583.IsoMessage request, Card? card,
        TransactionResult? original, CancellationToken cancellation)
    {
        var exchange = await ExchangeAsync(request, withMac: true, cancellation).ConfigureAwait(false);
        var result = Read(kind, request, card, exchange, original);
        Count(result);
        return result;
    }

    /// <summary>Keeps the batch totals: approved debits and credits in, completely reversed originals out.</summary>
    private void Count(TransactionResult result)
    {
        if (result.CompletesReversal && result.Original is { } reversed)
            _journal.Reverse(reversed.Kind, reversed.Trace);
        else
            _journal.Record(result);
    }
}
