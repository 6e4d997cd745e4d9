namespace ActorSwitch.Central.Ledger;

/// <summary>Decisions on transactions (everything but reversals). Called under the lock.</summary>
public sealed partial class LedgerEngine
{
    private const int PinTriesAllowed = 3;

    private Decision Transact(FinancialRequest request, PinCheck pin, string? injectedDecline, DateTimeOffset now, DateOnly date)
    {
        if (_transactions.TryGetValue((request.Acquirer, request.Rrn), out var existing))
        {
            if (existing.IsReversalOnly)
            {
                // Reversed before it arrived: the late original is recorded and declined, never approved.
                Describe(existing, request, now);
                existing.ResponseCode = ResponseCodes.InvalidTransaction;
                existing.SettlementDate = date;
                Touch(existing);
                return StoredAnswer(existing);
            }
            // A repeat with other content is not the same transaction: 94, and nothing is stored.
            return SameContent(existing, request)
                ? StoredAnswer(existing)
                : new Decision(ResponseCodes.Duplicate, null, date, null, null!);
        }

        var record = new TransactionRecord(_nextTransactionId++, request.Acquirer, request.Rrn);
        Describe(record, request, now);
        record.SettlementDate = date;
        record.ResponseCode = injectedDecline ?? DecideNew(record, request, pin);
        if (record.IsApproved)
        {
            record.AuthCode = (record.Id % 1_000_000).ToString("D6");
            Post(record, reverse: false);
            ApplyEffects(record);
        }
        _transactions.Add((record.Acquirer, record.Rrn), record);
        Touch(record);
        return StoredAnswer(record);
    }

    private static void Describe(TransactionRecord record, FinancialRequest request, DateTimeOffset now)
    {
        record.Kind = request.Kind;
        record.Mti = request.Mti;
        record.ProcessingCode = request.ProcessingCode;
        record.ConditionCode = request.ConditionCode;
        record.AmountFen = request.AmountFen;
        record.Currency = request.Currency;
        record.MerchantId = request.MerchantId;
        record.TerminalId = request.TerminalId;
        record.Mcc = request.Mcc;
        record.MaskedPan = request.MaskedPan;
        record.Card = request.Card;
        record.Trace = request.Trace;
        record.Transmitted = request.Transmitted;
        record.DecidedAt = now;
    }

    private static bool SameContent(TransactionRecord existing, FinancialRequest request) =>
        existing.Kind == request.Kind && existing.AmountFen == request.AmountFen
        && existing.ProcessingCode == request.ProcessingCode && existing.Card == request.Card
        && existing.MaskedPan == request.MaskedPan;

    private static Decision StoredAnswer(TransactionRecord r) =>
        new(r.ResponseCode, r.AuthCode, r.SettlementDate, r.BalanceFen, null!);

    /// <summary>The issuer's checks, in the order a real issuer makes them; sets what the postings need.</summary>
    private string DecideNew(TransactionRecord r, FinancialRequest request, PinCheck pin)
    {
        if (r.Kind != TransactionKind.BalanceInquiry && (r.AmountFen <= 0 || r.AmountFen > _maxAmountFen))
            return ResponseCodes.InvalidAmount;
        if (r.Currency is not (null or "156")) return ResponseCodes.InvalidAmount;
        if (r.Card is not { } card) return ResponseCodes.InvalidCard;

        switch (pin)
        {
            case PinCheck.InvalidBlock:
                return ResponseCodes.PinFormatError;
            case PinCheck.Mismatch:
                card.WrongPinCount++;
                Touch(card);
                return card.WrongPinCount >= PinTriesAllowed ? ResponseCodes.PinTriesExceeded : ResponseCodes.WrongPin;
            case PinCheck.Verified when card.WrongPinCount != 0:
                card.WrongPinCount = 0;
                Touch(card);
                break;
        }

        switch (r.Kind)
        {
            case TransactionKind.BalanceInquiry:
                r.BalanceFen = card.BalanceFen;
                return ResponseCodes.Approved;
            case TransactionKind.Purchase or TransactionKind.PreAuthorization:
                return card.BalanceFen >= r.AmountFen ? ResponseCodes.Approved : ResponseCodes.InsufficientFunds;
            case TransactionKind.OfflineDebit:
                // An advice of what the terminal already approved offline: recorded even if it overdraws.
                return ResponseCodes.Approved;
            case TransactionKind.Refund:
                return DecideRefund(r, request, card);
            default:
                return DecideOnOriginal(r, request, card);
        }
    }

    private string DecideRefund(TransactionRecord r, FinancialRequest request, CardAccount card)
    {
        if (request.OriginalRrn is null) return ResponseCodes.Approved;
        if (FindOriginal(request) is not { } original) return ResponseCodes.OriginalNotFound;
        r.Original = original;
        if (original.Kind is not (TransactionKind.Purchase or TransactionKind.Completion) || !original.IsInEffect
            || original.Card != card)
            return ResponseCodes.InvalidTransaction;
        return original.RefundedFen + r.AmountFen <= original.AmountFen ? ResponseCodes.Approved : ResponseCodes.InvalidAmount;
    }

    /// <summary>Voids, completions and cancels: the original must exist, be of the right kind, still stand,
    /// and be on the same card.</summary>
    private string DecideOnOriginal(TransactionRecord r, FinancialRequest request, CardAccount card)
    {
        if (FindOriginal(request) is not { } original) return ResponseCodes.OriginalNotFound;
        r.Original = original;
        if (original.Card != card) return ResponseCodes.InvalidTransaction;
        switch (r.Kind)
        {
            case TransactionKind.PurchaseVoid:
                if (original.Kind != TransactionKind.Purchase || !original.IsInEffect || original.RefundedFen > 0)
                    return ResponseCodes.InvalidTransaction;
                return r.AmountFen == original.AmountFen ? ResponseCodes.Approved : ResponseCodes.InvalidAmount;
            case TransactionKind.CompletionVoid:
                if (original.Kind != TransactionKind.Completion || !original.IsInEffect || original.RefundedFen > 0)
                    return ResponseCodes.InvalidTransaction;
                if (r.AmountFen != original.AmountFen) return ResponseCodes.InvalidAmount;
                r.ConsumedHoldFen = original.ConsumedHoldFen;
                // The completion returned the unused hold to the card; re-holding it needs those funds.
                return card.BalanceFen >= original.ConsumedHoldFen - original.AmountFen
                    ? ResponseCodes.Approved : ResponseCodes.InsufficientFunds;
            case TransactionKind.PreAuthorizationCancel or TransactionKind.Completion:
                if (!IsOpenPreAuthorization(original)) return ResponseCodes.InvalidTransaction;
                var fits = r.Kind == TransactionKind.Completion ? r.AmountFen <= original.HoldFen : r.AmountFen == original.HoldFen;
                if (!fits) return ResponseCodes.InvalidAmount;
                r.ConsumedHoldFen = original.HoldFen;
                return ResponseCodes.Approved;
            default:
                return ResponseCodes.InvalidTransaction;
        }
    }

    private static bool IsOpenPreAuthorization(TransactionRecord r) =>
        r is { Kind: TransactionKind.PreAuthorization, ClosedBy: null, HoldFen: > 0 } && r.IsApproved && !r.Reversed;

    /// <summary>The original named by F61 (its RRN, same acquirer).</summary>
    private TransactionRecord? FindOriginal(FinancialRequest request) =>
        request.OriginalRrn is { } rrn && _transactions.TryGetValue((request.Acquirer, rrn), out var original)
        && !original.IsReversalOnly ? original : null;
}
