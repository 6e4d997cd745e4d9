namespace ActorSwitch.Iso8583;

/// <summary>One half of the settlement totals (domestic or foreign cards): debits and credits, amounts in fen.</summary>
public readonly record struct CardTotals(long DebitAmount, int DebitCount, long CreditAmount, int CreditCount)
{
    public CardTotals Add(TotalsSide side, long amount) => side switch
    {
        TotalsSide.Debit => this with { DebitAmount = DebitAmount + amount, DebitCount = DebitCount + 1 },
        TotalsSide.Credit => this with { CreditAmount = CreditAmount + amount, CreditCount = CreditCount + 1 },
        _ => this,
    };
}
