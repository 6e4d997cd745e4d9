namespace ActorSwitch.Central.Faults;

/// <summary>Where a dropped message is lost.</summary>
public enum DropStage
{
    /// <summary>The request is decided and committed, but its answer is never sent (the switch must reverse).</summary>
    Answer,
    /// <summary>The request is ignored as if lost on the way (a reversal of it will be answered 25).</summary>
    Request,
}

/// <summary>The faults in force, replaced as a whole by the control API (readers never see half a change).
/// They apply to financial requests only, so that sign-on and echo keep working.</summary>
public sealed record FaultSettings
{
    public static FaultSettings None { get; } = new();

    /// <summary>Extra delay before each answer, uniform in [min, max] milliseconds (equal for a fixed delay).</summary>
    public int LatencyMinMs { get; init; }
    public int LatencyMaxMs { get; init; }
    /// <summary>Share of new financial requests declined with <see cref="DeclineCode"/> (recorded like any decision).</summary>
    public double DeclineRate { get; init; }
    public string DeclineCode { get; init; } = "05";
    /// <summary>Share of financial requests dropped at <see cref="DropStage"/>.</summary>
    public double DropRate { get; init; }
    public DropStage DropStage { get; init; } = DropStage.Answer;
    /// <summary>End-of-day clearing files leave out this many standing rows (the first by RRN)...</summary>
    public int ClearingDropRows { get; init; }
    /// <summary>...and add one fen to the amount of this many of the following ones.</summary>
    public int ClearingAlterRows { get; init; }
}
