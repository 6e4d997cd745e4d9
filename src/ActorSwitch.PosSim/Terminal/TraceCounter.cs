namespace ActorSwitch.PosSim.Terminal;

/// <summary>The POS trace number (F11): 000001..999999, then 000001 again. One per terminal, one caller at a time.</summary>
public sealed class TraceCounter
{
    public const int Max = 999_999;

    public TraceCounter(int last = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(last);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(last, Max);
        Last = last;
    }

    /// <summary>The number given out last (0 before the first).</summary>
    public int Last { get; private set; }

    public int Next()
    {
        Last = Last >= Max ? 1 : Last + 1;
        return Last;
    }
}
