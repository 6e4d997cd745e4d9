namespace ActorSwitch.PosSim.Terminal;

/// <summary>Where an approved transaction counts in the batch totals.</summary>
public enum TotalsSide
{
    None,
    Debit,
    Credit,
}
