namespace ActorSwitch.Iso8583;

/// <summary>Batch numbers (60.2): 000001..999999; after a settlement the next one is in force.</summary>
public static class BatchNumber
{
    public const int First = 1;
    public const int Max = 999_999;

    /// <summary>The batch after <paramref name="batch"/>: 000001 follows 999999.</summary>
    public static int Next(int batch) => batch >= Max ? First : batch + 1;

    public static bool IsValid(int batch) => batch is >= First and <= Max;
}
