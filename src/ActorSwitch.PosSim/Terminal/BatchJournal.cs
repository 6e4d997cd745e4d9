using ActorSwitch.Iso8583;
namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// The terminal's record of its current batch, from which it computes its settlement totals (section 4,
/// "Settlement totals"): debits are approved purchases, completions, offline settlements and accepted purse
/// records; credits are approved voids and refunds. A voided purchase stays a debit (its void is the
/// credit); a reversed or declined transaction counts nowhere.
/// </summary>
public sealed class BatchJournal
{
    private readonly List<BatchRecord> _records = [];

    public IReadOnlyList<BatchRecord> Records => _records;

    /// <summary>Counts <paramref name="result"/> when it was approved and is a debit or credit; a repeat of
    /// a transaction already counted (same kind and trace) is not counted twice.</summary>
    internal void Record(TransactionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var side = result.Kind.CountsAs();
        if (side == TotalsSide.None || !result.IsApproved || IndexOf(result.Kind, result.Trace) >= 0)
            return;
        var pan = result.Kind == TransactionKind.PurseUpload ? null : result.Card?.Pan;
        _records.Add(new BatchRecord(result.Kind, result.Trace, pan, result.Amount, result.Card?.Foreign ?? false, side));
    }

    /// <summary>Takes a transaction out of the totals once its reversal is complete.</summary>
    internal void Reverse(TransactionKind kind, int trace)
    {
        var index = IndexOf(kind, trace);
        if (index >= 0)
            _records.RemoveAt(index);
    }

    public SettlementTotals Totals()
    {
        CardTotals domestic = default, foreign = default;
        foreach (var record in _records)
        {
            if (record.Foreign)
                foreign = foreign.Add(record.Side, record.Amount);
            else
                domestic = domestic.Add(record.Side, record.Amount);
        }

        return new SettlementTotals(domestic, foreign);
    }

    /// <summary>Hands over the settled batch's records and starts the next batch empty.</summary>
    internal IReadOnlyList<BatchRecord> Close()
    {
        var settled = _records.ToArray();
        _records.Clear();
        return settled;
    }

    private int IndexOf(TransactionKind kind, int trace) =>
        _records.FindIndex(record => record.Kind == kind && record.Trace == trace);
}
