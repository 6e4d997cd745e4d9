namespace ActorSwitch.Iso8583;

internal static class SubField
{
    /// <summary>The sub-field when the field is long enough to hold all of it, else -1.</summary>
    public static int Optional(IsoMessage message, int field, int digitOffset, int digitCount) =>
        message.GetLength(field) >= digitOffset + digitCount
        && message.TryGetSubfield(field, digitOffset, digitCount, out int value) ? value : -1;
}
