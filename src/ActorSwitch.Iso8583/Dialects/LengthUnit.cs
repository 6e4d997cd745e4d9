namespace ActorSwitch.Iso8583;

/// <summary>What a field's length counts.</summary>
public enum LengthUnit : byte
{
    /// <summary>Digits (n and z fields): BCD packs two per byte.</summary>
    Digits,
    /// <summary>Bytes (an, ans and b fields).</summary>
    Bytes,
}
