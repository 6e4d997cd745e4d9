using System.Diagnostics;
using System.Diagnostics.Metrics;
using ActorSwitch.Switch.Pos;

namespace ActorSwitch.Switch.Diagnostics;

/// <summary>
/// The platform's metrics (System.Diagnostics.Metrics, meter <see cref="MeterName"/>), recorded where the work
/// happens and exported by the node (OpenTelemetry, Prometheus text at <c>/metrics</c>; docs/observability.md).
/// Labels are drawn from small fixed vocabularies only: the message type, the response code, the journal
/// writer, the centre connection number. Never a PAN, a key, a terminal or merchant id.
/// The recording methods allocate nothing: tag values are cached strings, tags travel in a <see cref="TagList"/>.
/// </summary>
public static class SwitchMeters
{
    public const string MeterName = "ActorSwitch";

    /// <summary>Journal writers (the <c>writer</c> label of the journal write latency).</summary>
    public const string TerminalWriter = "terminal";

    public const string HealthProbeWriter = "health-probe";

    public static readonly Meter Meter = new(MeterName, "1.0");

    // Milliseconds from sub-millisecond answers to the 20 s answer deadline and beyond.
    private static readonly double[] MillisecondBuckets =
        [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 20000, 30000];

    private static readonly Counter<long> PosTransactions = Meter.CreateCounter<long>("actorswitch_pos_transactions",
        unit: null, description: "POS requests answered by the terminal entities, by message type and response code (F39).");

    private static readonly Histogram<double> PosLatency = Meter.CreateHistogram<double>("actorswitch_pos_request_duration",
        unit: "ms", description: "Time from a POS request reaching the switch to its answer being handed to the connection, by message type.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MillisecondBuckets });

    private static readonly Histogram<double> JournalLatency = Meter.CreateHistogram<double>("actorswitch_journal_write_duration",
        unit: "ms", description: "Time from handing an event to the journal to its write being confirmed, by writer (terminal entities, the health probe).",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MillisecondBuckets });

    private static readonly Histogram<double> CentreLatency = Meter.CreateHistogram<double>("actorswitch_centre_request_duration",
        unit: "ms", description: "Time from a request being queued on a centre connection to the centre's matched answer, by connection.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MillisecondBuckets });

    private static readonly string[] KindNames = BuildKindNames();
    private static readonly string[] LinkNames = Enumerable.Range(0, 64).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static int _terminalEntities;
    private static long _storeAndForwardDepth;
    private static Func<int>? _openPosConnections;
    private static Func<int>? _centreLinksUp;

    static SwitchMeters()
    {
        Meter.CreateObservableGauge("actorswitch_terminal_entities", () => Volatile.Read(ref _terminalEntities),
            unit: null, description: "Terminal entities alive on this node.");
        Meter.CreateObservableGauge("actorswitch_store_and_forward_depth", () => Interlocked.Read(ref _storeAndForwardDepth),
            unit: null, description: "Advices and reversals waiting for the centre in the store-and-forward queues hosted on this node.");
        Meter.CreateObservableGauge("actorswitch_centre_links_up", () => Observe(_centreLinksUp),
            unit: null, description: "Connections of this node to the centre that are signed on.");
        Meter.CreateObservableGauge("actorswitch_pos_connections_open", () => Observe(_openPosConnections),
            unit: null, description: "POS terminal connections open on this node.");
    }

    /// <summary>The POS front end's count of open connections (the front end lives in the node, above this floor).</summary>
    public static void ObserveOpenPosConnections(Func<int> read) => _openPosConnections = read;

    /// <summary>The node's count of signed-on centre connections (the link's <see cref="Centre.CentreLinkHealth"/>, as readiness sees it).</summary>
    public static void ObserveCentreLinks(Func<int> read) => _centreLinksUp = read;

    // No source registered (a process without a POS front end or link): no value rather than a made-up 0.
    private static IEnumerable<Measurement<int>> Observe(Func<int>? read) => read is null ? [] : [new Measurement<int>(read())];

    /// <summary>One POS answer: counted by type and code, and its latency since the request reached the switch.</summary>
    public static void PosAnswered(PosMessageKind kind, string code, long receivedAt)
    {
        var type = new KeyValuePair<string, object?>("type", KindName(kind));
        PosTransactions.Add(1, type, new KeyValuePair<string, object?>("code", Code(code)));
        PosLatency.Record(Stopwatch.GetElapsedTime(receivedAt).TotalMilliseconds, type);
    }

    /// <summary>A journal write confirmed; <paramref name="startedAt"/> is the <see cref="Stopwatch"/> timestamp it was handed over.</summary>
    public static void JournalWritten(string writer, long startedAt) =>
        JournalLatency.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, new KeyValuePair<string, object?>("writer", writer));

    public static void CentreAnswered(int connection, TimeSpan elapsed) =>
        CentreLatency.Record(elapsed.TotalMilliseconds,
            new KeyValuePair<string, object?>("link", (uint)connection < LinkNames.Length ? LinkNames[connection] : "other"));

    public static void TerminalEntityStarted() => Interlocked.Increment(ref _terminalEntities);

    public static void TerminalEntityStopped() => Interlocked.Decrement(ref _terminalEntities);

    /// <summary>
    /// A queue's depth is now <paramref name="depth"/>; <paramref name="reported"/> is what that queue last
    /// reported (the node's total moves by the difference). A stopping queue reports 0.
    /// </summary>
    public static void StoreAndForwardDepth(ref int reported, int depth)
    {
        if (depth == reported) return;
        Interlocked.Add(ref _storeAndForwardDepth, depth - reported);
        reported = depth;
    }

    internal static string KindName(PosMessageKind kind) => (int)kind < KindNames.Length ? KindNames[(int)kind] : KindNames[0];

    // A response code is two characters of the dialect's alphabet; anything else (a corrupt field) is one label.
    private static string Code(string code) =>
        code is { Length: 2 } && char.IsAsciiLetterOrDigit(code[0]) && char.IsAsciiLetterOrDigit(code[1]) ? code : "invalid";

    private static string[] BuildKindNames()
    {
        var values = Enum.GetValues<PosMessageKind>();
        var names = new string[values.Max(v => (int)v) + 1];
        Array.Fill(names, nameof(PosMessageKind.Unknown));
        foreach (var value in values) names[(int)value] = value.ToString();
        return names;
    }
}
