namespace ActorSwitch.Central.Ledger;

/// <summary>One leg of an entry in memory: credit positive, debit negative.</summary>
internal readonly record struct Leg(Account Account, long CreditFen);

/// <summary>
/// The double entries: which accounts each approved transaction moves, and what it changes on its
/// original. A reversal posts the same legs negated and undoes the same effects, so it undoes exactly
/// what the original did.
/// </summary>
public sealed partial class LedgerEngine
{
    public const string OriginalEntry = "transaction";
    public const string ReversalEntry = "reversal";
    public const string OpeningEntry = "opening";

    private readonly Leg[] _legs = new Leg[3];

    /// <summary>The legs of an approved transaction. A = amount, H = the hold a completion consumed.</summary>
    private int LegsOf(TransactionRecord r)
    {
        var card = r.Card ?? throw new InvalidOperationException("Only card transactions post.");
        long a = r.AmountFen, h = r.ConsumedHoldFen;
        switch (r.Kind)
        {
            case TransactionKind.Purchase or TransactionKind.OfflineDebit:
                _legs[0] = new(card, -a);
                _legs[1] = new(SettlementAccount(r.Acquirer), a);
                return 2;
            case TransactionKind.PurchaseVoid or TransactionKind.Refund:
                _legs[0] = new(SettlementAccount(r.Acquirer), -a);
                _legs[1] = new(card, a);
                return 2;
            case TransactionKind.PreAuthorization:
                _legs[0] = new(card, -a);
                _legs[1] = new(_holds, a);
                return 2;
            case TransactionKind.PreAuthorizationCancel:
                _legs[0] = new(_holds, -a);
                _legs[1] = new(card, a);
                return 2;
            case TransactionKind.Completion:
                // The whole hold is released: the completed amount to the acquirer, the rest back to the card.
                _legs[0] = new(_holds, -h);
                _legs[1] = new(SettlementAccount(r.Acquirer), a);
                _legs[2] = new(card, h - a);
                return 3;
            case TransactionKind.CompletionVoid:
                // The completion undone: the pre-authorisation's hold stands again.
                _legs[0] = new(SettlementAccount(r.Acquirer), -a);
                _legs[1] = new(card, -(h - a));
                _legs[2] = new(_holds, h);
                return 3;
            default:
                return 0;
        }
    }

    /// <summary>Posts a transaction's entry (or its negation for a reversal) and queues the posting rows.</summary>
    private void Post(TransactionRecord r, bool reverse)
    {
        var count = LegsOf(r);
        long sum = 0;
        for (var i = 0; i < count; i++) sum += _legs[i].CreditFen;
        if (sum != 0) throw new InvalidOperationException($"Unbalanced entry for {r.Kind}: {sum} fen.");

        var entry = reverse ? ReversalEntry : OriginalEntry;
        for (var i = 0; i < count; i++)
        {
            var (account, credit) = _legs[i];
            if (reverse) credit = -credit;
            if (credit == 0) continue;
            account.BalanceFen += credit;
            _current.Postings.Add(new PostingRow(r.Id, entry, account.Id, Math.Max(-credit, 0), Math.Max(credit, 0)));
            Touch(account);
        }
    }

    /// <summary>What an approved transaction changes on itself, its original and its card's holds.</summary>
    private void ApplyEffects(TransactionRecord r)
    {
        var original = r.Original;
        switch (r.Kind)
        {
            case TransactionKind.PreAuthorization:
                r.HoldFen = r.AmountFen;
                r.Card!.HeldFen += r.AmountFen;
                break;
            case TransactionKind.PreAuthorizationCancel or TransactionKind.Completion:
                original!.HoldFen = 0;
                original.ClosedBy = r;
                r.Card!.HeldFen -= r.ConsumedHoldFen;
                Touch(original);
                break;
            case TransactionKind.CompletionVoid:
                original!.VoidedBy = r;
                var preAuthorization = original.Original!;
                preAuthorization.HoldFen = r.ConsumedHoldFen;
                preAuthorization.ClosedBy = null;
                r.Card!.HeldFen += r.ConsumedHoldFen;
                Touch(original);
                Touch(preAuthorization);
                break;
            case TransactionKind.PurchaseVoid:
                original!.VoidedBy = r;
                Touch(original);
                break;
            case TransactionKind.Refund when original is not null:
                original.RefundedFen += r.AmountFen;
                Touch(original);
                break;
        }
    }

    /// <summary>The inverse of <see cref="ApplyEffects"/>, for a reversal.</summary>
    private void UndoEffects(TransactionRecord r)
    {
        var original = r.Original;
        switch (r.Kind)
        {
            case TransactionKind.PreAuthorization:
                r.Card!.HeldFen -= r.HoldFen;
                r.HoldFen = 0;
                break;
            case TransactionKind.PreAuthorizationCancel or TransactionKind.Completion:
                original!.HoldFen = r.ConsumedHoldFen;
                original.ClosedBy = null;
                r.Card!.HeldFen += r.ConsumedHoldFen;
                Touch(original);
                break;
            case TransactionKind.CompletionVoid:
                original!.VoidedBy = null;
                var preAuthorization = original.Original!;
                preAuthorization.HoldFen = 0;
                preAuthorization.ClosedBy = original;
                r.Card!.HeldFen -= r.ConsumedHoldFen;
                Touch(original);
                Touch(preAuthorization);
                break;
            case TransactionKind.PurchaseVoid:
                original!.VoidedBy = null;
                Touch(original);
                break;
            case TransactionKind.Refund when original is not null:
                original.RefundedFen -= r.AmountFen;
                Touch(original);
                break;
        }
    }

    /// <summary>Why a reversal cannot undo an approved transaction: something that depends on it still stands.</summary>
    private static bool HasStandingDependants(TransactionRecord r) => r.Kind switch
    {
        TransactionKind.Purchase or TransactionKind.Completion => r.VoidedBy is not null || r.RefundedFen > 0,
        TransactionKind.PreAuthorization => r.ClosedBy is not null,
        // Undoing a completion void closes the pre-authorisation again: only while it is still open.
        TransactionKind.CompletionVoid => r.Original?.Original is not { ClosedBy: null } preAuthorization
                                          || preAuthorization.Reversed,
        _ => false,
    };
}
