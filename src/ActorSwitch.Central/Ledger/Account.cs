namespace ActorSwitch.Central.Ledger;

/// <summary>An account in memory: authoritative while the process runs, persisted at every group commit.
/// Mutated only under the ledger's lock.</summary>
public class Account(long id, AccountKind kind, string name, long balanceFen)
{
    public long Id { get; } = id;
    public AccountKind Kind { get; } = kind;
    /// <summary>The acquirer id for settlement accounts, a fixed name for the others, the masked PAN for cards.</summary>
    public string Name { get; } = name;
    public long BalanceFen { get; set; } = balanceFen;

    internal AccountRow ToRow() => new(Id, Kind, Name, BalanceFen, (this as CardAccount)?.WrongPinCount ?? 0);
}

/// <summary>
/// A card (or wallet) account. Keyed by the PAN token; the clear PAN is never kept. The PIN is known only
/// by its Visa PVV under the centre's PIN verification key.
/// </summary>
public sealed class CardAccount(long id, int serial, string panToken, string maskedPan, string pvv, int pvkIndex,
    long balanceFen, int wrongPinCount) : Account(id, AccountKind.Card, maskedPan, balanceFen)
{
    public int Serial { get; } = serial;
    public string PanToken { get; } = panToken;
    public string MaskedPan { get; } = maskedPan;
    public string Pvv { get; } = pvv;
    public int PvkIndex { get; } = pvkIndex;
    /// <summary>Consecutive wrong PINs; reset by a correct one.</summary>
    public int WrongPinCount { get; set; } = wrongPinCount;
    /// <summary>Sum of the open pre-authorisation holds on this card (rebuilt from the transactions at start).</summary>
    public long HeldFen { get; set; }
}
