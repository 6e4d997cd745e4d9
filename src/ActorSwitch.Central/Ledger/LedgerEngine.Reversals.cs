namespace ActorSwitch.Central.Ledger;

/// <summary>Reversals (0420/0421): they name their original by its RRN. Called under the lock.</summary>
public sealed partial class LedgerEngine
{
    private Decision Reverse(FinancialRequest request, DateTimeOffset now, DateOnly date)
    {
        if (!_transactions.TryGetValue((request.Acquirer, request.Rrn), out var original))
        {
            // Never seen: answered 25 and remembered, so that a late original is declined.
            original = new TransactionRecord(_nextTransactionId++, request.Acquirer, request.Rrn)
            {
                Kind = TransactionKind.Unknown,
                Mti = request.Mti,
                MaskedPan = request.MaskedPan,
                Card = request.Card,
                AmountFen = request.AmountFen,
                DecidedAt = now,
                SettlementDate = date,
                Reversed = true,
                ReversalResponseCode = ResponseCodes.OriginalNotFound,
                ReversalSettlementDate = date,
            };
            _transactions.Add((original.Acquirer, original.Rrn), original);
            Touch(original);
            return ReversalAnswer(original);
        }

        if (original.ReversalResponseCode is null)
        {
            if (original.IsApproved && HasStandingDependants(original))
            {
                original.ReversalResponseCode = ResponseCodes.InvalidTransaction;
            }
            else
            {
                if (original.IsApproved)
                {
                    Post(original, reverse: true);
                    UndoEffects(original);
                }
                original.Reversed = true;
                original.ReversalResponseCode = ResponseCodes.Approved;
            }
            original.ReversalSettlementDate = date;
            Touch(original);
        }
        // Every later reversal of the same original gets the same answer and posts nothing.
        return ReversalAnswer(original);
    }

    private static Decision ReversalAnswer(TransactionRecord r) => new(r.ReversalResponseCode!,
        r.ReversalResponseCode == ResponseCodes.Approved ? r.AuthCode : null, r.ReversalSettlementDate!.Value, null, null!);
}
