namespace ActorSwitch.Central.Ledger;

/// <summary>What an account of the centre's ledger stands for. Balances are credits minus debits, so the
/// balances of all accounts always add up to zero.</summary>
public enum AccountKind
{
    /// <summary>A cardholder's card or wallet account: purchases debit it, refunds and voids credit it.</summary>
    Card,
    /// <summary>What the centre owes an acquiring institution for its merchants' transactions.</summary>
    Settlement,
    /// <summary>Funds held by open pre-authorisations, until completed or cancelled.</summary>
    Holds,
    /// <summary>The issuer's funding account: opening balances of cards are posted against it.</summary>
    Funding,
}
