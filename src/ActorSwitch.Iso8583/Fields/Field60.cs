namespace ActorSwitch.Iso8583;

/// <summary>
/// POS F60 sub-fields: 60.1 transaction type n2, 60.2 batch number n6, 60.3 network management code n3,
/// 60.4 reader capability n1, 60.5 IC condition n1. Optional parts the terminal did not send are -1.
/// </summary>
public readonly record struct Field60(int TransactionType, int BatchNumber, int NetworkManagementCode, int ReaderCapability, int IcCondition)
{
    /// <summary>Reads F60 of a message whose F60 is numeric; false when absent or shorter than 60.1 + 60.2.</summary>
    public static bool TryRead(IsoMessage message, out Field60 value)
    {
        ArgumentNullException.ThrowIfNull(message);
        value = default;
        if (message.GetLength(60) < 8
            || !message.TryGetSubfield(60, 0, 2, out int type)
            || !message.TryGetSubfield(60, 2, 6, out int batch))
            return false;
        value = new Field60(type, batch,
            SubField.Optional(message, 60, 8, 3),
            SubField.Optional(message, 60, 11, 1),
            SubField.Optional(message, 60, 12, 1));
        return true;
    }
}
