namespace ActorSwitch.Switch.Registry;

/// <summary>A merchant as the POSP knows it. Ids follow F42: 15 characters (acquirer, area, MCC, serial).</summary>
public sealed record Merchant(string MerchantId, string Name, string Mcc, int FeeRateBasisPoints, bool Frozen);

/// <summary>A terminal. Terminal ids are unique only per merchant, so the key is always the pair.</summary>
public sealed record Terminal(string MerchantId, string TerminalId, string Model, bool Frozen)
{
    public TerminalKey Key => new(MerchantId, TerminalId);
}

/// <summary>F42 + F41: the identity of a terminal everywhere in the platform (also the sharding entity id).</summary>
public readonly record struct TerminalKey(string MerchantId, string TerminalId)
{
    /// <summary>Entity id form: merchant id and terminal id joined by a character neither may contain.</summary>
    public string EntityId => MerchantId + ":" + TerminalId;

    public override string ToString() => EntityId;
}
