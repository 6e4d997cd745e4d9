namespace ActorSwitch.Switch.EndOfDay;

/// <summary>Events of the end-of-day actor's journal.</summary>
public interface IEndOfDayEvent;

/// <summary>
/// The explicit cut-off marker of a day's run, persisted tagged "txn" so that it sits in the same
/// ordered stream as the transactions: collection reads that stream until it meets the marker, so
/// everything committed before the cut-off is in, everything after it is out.
/// </summary>
public sealed record EndOfDayCutOff(DateOnly Date, DateTimeOffset At) : IEndOfDayEvent;

/// <summary>A completed step of a day's run, with what later steps need (checksums of the files it wrote, counts).</summary>
public sealed record EndOfDayStepDone(DateOnly Date, string Step, DateTimeOffset At, IReadOnlyList<KeyValuePair<string, string>> Outputs)
    : IEndOfDayEvent;

/// <summary>Run end of day for a date (null: the current settlement day, cut off now).</summary>
public sealed record RunEndOfDay(DateOnly? Date);

/// <summary><see cref="Outcome"/>: <c>started</c>, <c>running</c> (already under way) or <c>closed</c> (nothing to do).</summary>
public sealed record RunEndOfDayAnswer(DateOnly Date, string Outcome, string Message);

/// <summary>A closed day's report file (<c>transactions.csv</c>, ...): answered with an <see cref="EndOfDayReport"/>.</summary>
public sealed record GetEndOfDayReport(DateOnly Date, string Name);

/// <summary>The report's content, or why there is none.</summary>
public sealed record EndOfDayReport(DateOnly Date, string Name, string? Content, string? Error);

public sealed record GetEndOfDayStatus
{
    public static readonly GetEndOfDayStatus Instance = new();
}

public sealed record EndOfDayDayStatus(DateOnly Date, string State, string Step, DateTimeOffset? CutOffAt, string? LastError,
    IReadOnlyDictionary<string, string> Outputs);

public sealed record EndOfDayStatus(DateOnly CurrentSettlementDate, IReadOnlyList<EndOfDayDayStatus> Days);

public static class EndOfDaySteps
{
    public const string CutOff = "cut-off";
    public const string Drain = "drain";
    public const string Collect = "collect";
    public const string Upload = "upload";
    public const string FetchClearing = "fetch-clearing";
    public const string Reconcile = "reconcile";
    public const string Report = "report";
    public const string Close = "close";

    /// <summary>The steps in order; each leaves a durable checkpoint (an <see cref="EndOfDayStepDone"/>, the cut-off its marker).</summary>
    public static readonly string[] All = [CutOff, Drain, Collect, Upload, FetchClearing, Reconcile, Report, Close];

    /// <summary>Suffix of the exit hook's step name: kill once the step's work is done, before its checkpoint.</summary>
    public const string BeforeCheckpoint = ":before-checkpoint";

    public static string? After(string step) => Array.IndexOf(All, step) is var i && i >= 0 && i + 1 < All.Length ? All[i + 1] : null;
}

/// <summary>End-of-day settings (<c>actorswitch.end-of-day</c>).</summary>
public sealed record EndOfDaySettings(
    string DataDir,
    string Acquirer,
    Uri? Gateway,
    TimeSpan DrainGrace,
    TimeSpan RetryInterval,
    string? ExitAt)
{
    /// <summary>
    /// How long after the cut-off marker collection waits: every node's calendar has moved to the next
    /// day and every transaction in flight at the marker has its outcome (the answer deadline).
    /// </summary>
    public TimeSpan SettleWindow { get; init; } = TimeSpan.FromSeconds(45);
}
