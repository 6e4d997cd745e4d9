using ActorSwitch.Iso8583;
using System.Diagnostics.CodeAnalysis;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>A batch settlement 0500 and its answer.</summary>
public sealed record SettlementResult : TransactionResult
{
    [SetsRequiredMembers]
    internal SettlementResult(TransactionResult exchange) : base(exchange)
    {
    }

    /// <summary>The totals the terminal sent in F48.</summary>
    public SettlementTotals Totals { get; init; }

    /// <summary>The result digit of the domestic totals in the answer's F48 (1 balanced, 2 not, 3 error); -1 when absent.</summary>
    public int DomesticResult { get; init; } = -1;

    /// <summary>The result digit of the foreign totals; -1 when absent.</summary>
    public int ForeignResult { get; init; } = -1;

    /// <summary>The settled batch's transactions (kept for the batch upload).</summary>
    public IReadOnlyList<BatchRecord> Records { get; init; } = [];

    /// <summary>The switch found a total that does not match: the terminal uploads its details.</summary>
    public bool NeedsUpload => DomesticResult == SettlementTotals.NotBalanced || ForeignResult == SettlementTotals.NotBalanced;
}
