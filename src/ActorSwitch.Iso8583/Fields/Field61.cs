namespace ActorSwitch.Iso8583;

/// <summary>POS F61, the original transaction: 61.1 batch n6, 61.2 trace n6, 61.3 date MMDD n4
/// (-1 when not sent).</summary>
public readonly record struct Field61(int OriginalBatch, int OriginalTrace, int OriginalDate)
{
    /// <summary>Reads F61 of a message whose F61 is numeric; false when absent or shorter than 61.1 + 61.2.</summary>
    public static bool TryRead(IsoMessage message, out Field61 value)
    {
        ArgumentNullException.ThrowIfNull(message);
        value = default;
        if (message.GetLength(61) < 12
            || !message.TryGetSubfield(61, 0, 6, out int batch)
            || !message.TryGetSubfield(61, 6, 6, out int trace))
            return false;
        value = new Field61(batch, trace, SubField.Optional(message, 61, 12, 4));
        return true;
    }
}
