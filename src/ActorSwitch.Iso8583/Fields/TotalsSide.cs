namespace ActorSwitch.Iso8583;

/// <summary>Where an approved transaction counts in the batch totals.</summary>
public enum TotalsSide
{
    None,
    Debit,
    Credit,
}
