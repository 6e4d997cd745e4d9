using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace ActorSwitch.LoadRunner;

/// <summary>How one operation ended, as the load runner counts it.</summary>
public enum OpStatus
{
    /// <summary>Answered 00 (for reversals 00/12/25) with a MAC that verifies; for the echo baselines, answered.</summary>
    Ok,
    /// <summary>Answered with another response code: counted by code, not an error.</summary>
    Declined,
    /// <summary>No answer in time, connection closed or refused, malformed answer, bad answer MAC, HTTP failure.</summary>
    Error,
}

/// <summary>One operation's result: what it was (a void asked of a terminal with nothing to void is a purchase), and how it ended.</summary>
public readonly record struct OpResult(string Kind, OpStatus Status, string Code);

/// <summary>
/// The measurements of one phase. Latency is recorded from the intended start (open loop: the schedule's
/// send time, so that a stall of the system under test or of this runner is not hidden: coordinated
/// omission) and, separately, the service time from the actual send. Values in microseconds.
/// Interval histograms (one per second) feed the live progress and the time series; the totals exclude warm-up.
/// </summary>
public sealed class PhaseMetrics
{
    private const long HighestMicros = 3_600_000_000; // an hour
    private readonly Recorder _latency = NewRecorder();
    private readonly Recorder _service = NewRecorder();
    private readonly Recorder _lag = NewRecorder();
    private readonly ConcurrentDictionary<string, Recorder> _byKind = new();
    private readonly ConcurrentDictionary<string, long> _codes = new();
    private readonly ConcurrentDictionary<string, long> _errors = new();
    private long _ok, _declined, _failed, _sent, _intended;
    private HistogramBase? _recycleLatency, _recycleService, _recycleLag;

    public PhaseMetrics(string name, string mode, string target, double warmupSeconds)
    {
        Name = name;
        Mode = mode;
        Target = target;
        WarmupSeconds = warmupSeconds;
    }

    public string Name { get; }
    public string Mode { get; }
    public string Target { get; }
    public double WarmupSeconds { get; }
    public string Notes { get; set; } = "";
    public long StartTimestamp { get; private set; }
    public double ElapsedSeconds { get; private set; }
    public List<IntervalSample> Timeline { get; } = [];
    public LongHistogram Latency { get; } = NewHistogram();
    public LongHistogram Service { get; } = NewHistogram();
    public LongHistogram SendLag { get; } = NewHistogram();
    public Dictionary<string, LongHistogram> LatencyByKind { get; } = [];
    public IReadOnlyDictionary<string, long> Codes => _codes;
    public IReadOnlyDictionary<string, long> Errors => _errors;
    /// <summary>Open loop: operations the schedule asked for and operations actually sent.</summary>
    public long Intended => Interlocked.Read(ref _intended);
    public long Sent => Interlocked.Read(ref _sent);
    public long Ok => Interlocked.Read(ref _ok);
    public long Declined => Interlocked.Read(ref _declined);
    public long Failed => Interlocked.Read(ref _failed);
    public long Completed => Ok + Declined + Failed;
    /// <summary>Measured (post warm-up) counts, filled by <see cref="Finish"/>.</summary>
    public long MeasuredCompleted { get; private set; }
    public long MeasuredOk { get; private set; }
    public long MeasuredFailed { get; private set; }
    public long MeasuredIntended { get; private set; }
    public long MeasuredSent { get; private set; }
    public double MeasuredSeconds { get; private set; }
    public Dictionary<string, object> Extra { get; } = [];
    public List<string> Verdicts { get; } = [];
    public Dictionary<string, double> Gauges { get; } = [];

    public void Start() => StartTimestamp = Stopwatch.GetTimestamp();

    public double Now => Stopwatch.GetElapsedTime(StartTimestamp).TotalSeconds;

    public void Intend(long count = 1) => Interlocked.Add(ref _intended, count);

    /// <summary>Open loop: what the schedule has asked for so far (read at each sample, even while the dispatcher waits).</summary>
    public Func<long>? IntendedNow { get; set; }

    /// <summary>An operation is sent <paramref name="lagTicks"/> after its intended time.</summary>
    public void SentOne(long lagTicks)
    {
        Interlocked.Increment(ref _sent);
        _lag.RecordValue(Math.Clamp(ToMicros(lagTicks), 0, HighestMicros));
    }

    public void Record(in OpResult result, long intendedTicks, long sentTicks, long endTicks)
    {
        var latency = Math.Clamp(ToMicros(endTicks - intendedTicks), 1, HighestMicros);
        _latency.RecordValue(latency);
        _service.RecordValue(Math.Clamp(ToMicros(endTicks - sentTicks), 1, HighestMicros));
        _byKind.GetOrAdd(result.Kind, _ => NewRecorder()).RecordValue(latency);
        _codes.AddOrUpdate(result.Kind + " " + result.Code, 1, (_, n) => n + 1);
        switch (result.Status)
        {
            case OpStatus.Ok: Interlocked.Increment(ref _ok); break;
            case OpStatus.Declined: Interlocked.Increment(ref _declined); break;
            default:
                Interlocked.Increment(ref _failed);
                _errors.AddOrUpdate(result.Kind + ": " + result.Code, 1, (_, n) => n + 1);
                break;
        }
    }

    /// <summary>Open loop with rate steps: each step's own latency (from the intended time) and counts; warm-up left out.</summary>
    public List<StepMetrics> Steps { get; } = [];

    public void RecordStep(int step, in OpResult result, long latencyTicks)
    {
        if (step < 0 || step >= Steps.Count) return;
        var s = Steps[step];
        s.Latency.RecordValue(Math.Clamp(ToMicros(latencyTicks), 1, HighestMicros));
        switch (result.Status)
        {
            case OpStatus.Ok: Interlocked.Increment(ref s.Ok); break;
            case OpStatus.Declined: Interlocked.Increment(ref s.Declined); break;
            default: Interlocked.Increment(ref s.Errors); break;
        }
    }

    public void RecordError(string what) => _errors.AddOrUpdate(what, 1, (_, n) => n + 1);

    private long _prevOk, _prevDeclined, _prevFailed, _prevSent, _prevIntended;

    /// <summary>Takes the interval since the last sample (called once a second and at the end).</summary>
    public IntervalSample Sample(IReadOnlyDictionary<string, ProcessReading> processes, long inFlight, long backlog)
    {
        var t = Now;
        var lat = _latency.GetIntervalHistogram(_recycleLatency);
        var svc = _service.GetIntervalHistogram(_recycleService);
        var lag = _lag.GetIntervalHistogram(_recycleLag);
        var warm = WarmupSeconds > 0 && t < WarmupSeconds + 0.5;
        if (!warm)
        {
            Latency.Add(lat);
            Service.Add(svc);
            SendLag.Add(lag);
            foreach (var (kind, rec) in _byKind)
            {
                if (!LatencyByKind.TryGetValue(kind, out var h)) LatencyByKind[kind] = h = NewHistogram();
                h.Add(rec.GetIntervalHistogram());
            }
        }
        else
        {
            foreach (var rec in _byKind.Values) rec.GetIntervalHistogram();
        }

        long ok = Ok, declined = Declined, failed = Failed, sent = Sent, intended = IntendedNow?.Invoke() ?? Intended;
        var previousT = Timeline.Count == 0 ? 0 : Timeline[^1].T;
        var dt = Math.Max(1e-3, t - previousT);
        var sample = new IntervalSample
        {
            T = Math.Round(t, 3),
            Warmup = warm,
            Intended = intended - _prevIntended,
            Sent = sent - _prevSent,
            Ok = ok - _prevOk,
            Declined = declined - _prevDeclined,
            Errors = failed - _prevFailed,
            Throughput = (ok + declined + failed - _prevOk - _prevDeclined - _prevFailed) / dt,
            P50 = Ms(lat, 50), P90 = Ms(lat, 90), P99 = Ms(lat, 99), P999 = Ms(lat, 99.9), Max = lat.TotalCount == 0 ? 0 : lat.GetMaxValue() / 1000.0,
            ServiceP99 = Ms(svc, 99),
            SendLagMax = lag.TotalCount == 0 ? 0 : lag.GetMaxValue() / 1000.0,
            InFlight = inFlight,
            Backlog = backlog,
            // A last fragment of a fraction of a second has too few CPU ticks (100 Hz) to mean anything.
            Processes = dt < 0.3 && Timeline.Count > 0 ? [] : processes.ToDictionary(p => p.Key, p => p.Value),
        };
        if (!warm)
        {
            MeasuredCompleted += sample.Ok + sample.Declined + sample.Errors;
            MeasuredOk += sample.Ok;
            MeasuredFailed += sample.Errors;
            MeasuredIntended += sample.Intended;
            MeasuredSent += sample.Sent;
            MeasuredSeconds += dt;
        }
        (_prevOk, _prevDeclined, _prevFailed, _prevSent, _prevIntended) = (ok, declined, failed, sent, intended);
        _recycleLatency = lat;
        _recycleService = svc;
        _recycleLag = lag;
        Timeline.Add(sample);
        return sample;
    }

    public void Finish() => ElapsedSeconds = Now;

    /// <summary>Operations completed per second over the measured part of the phase.</summary>
    public double Throughput => MeasuredSeconds > 0 ? MeasuredCompleted / MeasuredSeconds : 0;

    public double OkThroughput => MeasuredSeconds > 0 ? MeasuredOk / MeasuredSeconds : 0;

    public static double Ms(HistogramBase h, double percentile) =>
        h.TotalCount == 0 ? 0 : h.GetValueAtPercentile(percentile) / 1000.0;

    private static long ToMicros(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;

    private static Recorder NewRecorder() =>
        // Many threads record at once: the recorder's histograms must take concurrent increments.
        new(1, HighestMicros, 3, (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits));

    private static LongHistogram NewHistogram() => new(1, HighestMicros, 3);
}

/// <summary>One second of a phase.</summary>
public sealed class IntervalSample
{
    public double T { get; init; }
    public bool Warmup { get; init; }
    public long Intended { get; init; }
    public long Sent { get; init; }
    public long Ok { get; init; }
    public long Declined { get; init; }
    public long Errors { get; init; }
    public double Throughput { get; init; }
    public double P50 { get; init; }
    public double P90 { get; init; }
    public double P99 { get; init; }
    public double P999 { get; init; }
    public double Max { get; init; }
    public double ServiceP99 { get; init; }
    public double SendLagMax { get; init; }
    public long InFlight { get; init; }
    public long Backlog { get; init; }
    public Dictionary<string, ProcessReading> Processes { get; init; } = [];
}

/// <summary>One rate step of an open loop.</summary>
public sealed class StepMetrics(string name, double perSecond, double seconds)
{
    public string Name { get; } = name;
    public double PerSecond { get; } = perSecond;
    public double Seconds { get; } = seconds;
    public LongConcurrentHistogram Latency { get; } = new(1, 3_600_000_000, 3);
    public long Ok;
    public long Declined;
    public long Errors;
}
