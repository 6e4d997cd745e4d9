using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HdrHistogram;

namespace ActorSwitch.LoadRunner;

/// <summary>The files of a run: report.txt (the table), report.json, summary.csv, timeline.csv, distribution.csv, report.html.</summary>
public sealed record ReportFiles(string Text, string Json, string Summary, string Timeline, string Distribution, string Html)
{
    public IEnumerable<string> All => [Text, Json, Summary, Timeline, Distribution, Html];
}

public static class Reports
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly double[] Percentiles = [50, 75, 90, 95, 99, 99.9, 99.99, 100];

    public static ReportFiles Write(RunOptions options, IReadOnlyList<PhaseMetrics> phases, IReadOnlyDictionary<string, object> facts)
    {
        var dir = options.Out;
        Directory.CreateDirectory(dir);
        var files = new ReportFiles(Path.Combine(dir, "report.txt"), Path.Combine(dir, "report.json"), Path.Combine(dir, "summary.csv"),
            Path.Combine(dir, "timeline.csv"), Path.Combine(dir, "distribution.csv"), Path.Combine(dir, "report.html"));
        File.WriteAllText(files.Text, Table(options, phases, facts));
        File.WriteAllText(files.Json, Json(options, phases, facts));
        File.WriteAllText(files.Summary, SummaryCsv(phases));
        File.WriteAllText(files.Timeline, TimelineCsv(phases));
        File.WriteAllText(files.Distribution, DistributionCsv(phases));
        File.WriteAllText(files.Html, Html.Render(options, phases, facts, Table(options, phases, facts)));
        return files;
    }

    public static string Table(RunOptions options, IReadOnlyList<PhaseMetrics> phases, IReadOnlyDictionary<string, object> facts)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"ActorSwitch load run{(options.Label is null ? "" : ": " + options.Label)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  machine: {facts.GetValueOrDefault("machine")}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  command: {facts.GetValueOrDefault("command")}");
        if (facts.TryGetValue("node", out var node)) sb.AppendLine(CultureInfo.InvariantCulture, $"  target:  {node}");
        sb.AppendLine("  latency in ms from the intended send time (open loop) or from the send (closed loop, storm: from the storm's start); warm-up excluded");
        sb.AppendLine();
        var header = string.Format(Inv, "{0,-30} {1,-11} {2,9} {3,9} {4,7} {5,7} {6,10} {7,8} {8,8} {9,8} {10,8} {11,9} {12,9}",
            "phase", "mode", "done", "ok", "decl", "errors", "ok/s", "p50", "p90", "p99", "p99.9", "max", "seconds");
        sb.AppendLine(header);
        sb.AppendLine(new string('-', header.Length));
        foreach (var p in phases)
        {
            var h = p.Latency.TotalCount > 0 ? p.Latency : null;
            sb.AppendLine(string.Format(Inv, "{0,-30} {1,-11} {2,9} {3,9} {4,7} {5,7} {6,10:F0} {7,8:F2} {8,8:F2} {9,8:F2} {10,8:F2} {11,9:F1} {12,9:F1}",
                Trim(p.Name, 30), Trim(p.Mode, 11), p.Completed, p.Ok, p.Declined, p.Failed, p.OkThroughput,
                h is null ? 0 : PhaseMetrics.Ms(h, 50), h is null ? 0 : PhaseMetrics.Ms(h, 90), h is null ? 0 : PhaseMetrics.Ms(h, 99),
                h is null ? 0 : PhaseMetrics.Ms(h, 99.9), h is null ? 0 : h.GetMaxValue() / 1000.0, p.ElapsedSeconds));
        }
        sb.AppendLine();
        foreach (var p in phases)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{p.Name}: {p.Target}");
            sb.AppendLine("  answers: " + string.Join(", ", p.Codes.OrderByDescending(c => c.Value).Select(c => $"{c.Key} x{c.Value}")));
            if (!p.Errors.IsEmpty()) sb.AppendLine("  errors:  " + string.Join(", ", p.Errors.OrderByDescending(c => c.Value).Select(c => $"{c.Key} x{c.Value}")));
            if (p.Mode == "open loop")
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"  schedule: {p.Extra.GetValueOrDefault("intendedOps")} intended, {p.Extra.GetValueOrDefault("sentOps")} sent, {p.Extra.GetValueOrDefault("missedOps")} missed; send lag p99 {PhaseMetrics.Ms(p.SendLag, 99):F1} ms, max {(p.SendLag.TotalCount > 0 ? p.SendLag.GetMaxValue() / 1000.0 : 0):F1} ms; service time p99 {PhaseMetrics.Ms(p.Service, 99):F2} ms");
            foreach (var step in p.Steps)
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"  step {step.Name,-9} for {step.Seconds:F0} s: ok {step.Ok}, declined {step.Declined}, errors {step.Errors}; p50 {PhaseMetrics.Ms(step.Latency, 50):F2}  p99 {PhaseMetrics.Ms(step.Latency, 99):F2}  p99.9 {PhaseMetrics.Ms(step.Latency, 99.9):F2}  max {(step.Latency.TotalCount > 0 ? step.Latency.GetMaxValue() / 1000.0 : 0):F2} ms");
            if (p.Extra.TryGetValue("stormSeconds", out var storm))
                sb.AppendLine(CultureInfo.InvariantCulture, $"  storm: {p.Extra["signedOn"]} of {p.Extra["terminals"]} done, the last after {storm} s");
            var cpu = CpuAverages(p);
            if (cpu.Count > 0)
                sb.AppendLine("  cpu (mean % of one core over the measured seconds): " + string.Join(", ", cpu.Select(c => $"{c.Key} {c.Value:F0}%")));
            var rss = RssPeaks(p);
            if (rss.Count > 0) sb.AppendLine("  peak RSS: " + string.Join(", ", rss.Select(c => $"{c.Key} {c.Value:F0} MB")));
            foreach (var kind in p.LatencyByKind.Where(k => k.Value.TotalCount > 0).OrderByDescending(k => k.Value.TotalCount))
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"  {kind.Key,-18} n={kind.Value.TotalCount,-9} p50 {PhaseMetrics.Ms(kind.Value, 50):F2}  p99 {PhaseMetrics.Ms(kind.Value, 99):F2}  p99.9 {PhaseMetrics.Ms(kind.Value, 99.9):F2} ms");
            foreach (var v in p.Verdicts) sb.AppendLine("  " + v);
            if (!string.IsNullOrEmpty(p.Notes)) sb.AppendLine("  " + p.Notes);
        }
        if (facts.TryGetValue("peakRssMb", out var peaks)) sb.AppendLine("peak RSS over the run (MB): " + JsonSerializer.Serialize(peaks));
        if (facts.TryGetValue("failure", out var failure)) sb.AppendLine("RUN FAILED: " + failure);
        return sb.ToString();
    }

    public static Dictionary<string, double> CpuAverages(PhaseMetrics p)
    {
        var samples = p.Timeline.Where(s => !s.Warmup).ToList();
        if (samples.Count == 0) samples = p.Timeline;
        return samples.SelectMany(s => s.Processes).GroupBy(kv => kv.Key)
            .ToDictionary(g => g.Key, g => Math.Round(g.Average(kv => kv.Value.CpuPercent), 1));
    }

    private static Dictionary<string, double> RssPeaks(PhaseMetrics p) =>
        p.Timeline.SelectMany(s => s.Processes).Where(kv => kv.Value.RssMb > 0).GroupBy(kv => kv.Key)
            .ToDictionary(g => g.Key, g => g.Max(kv => kv.Value.RssMb));

    private static string Json(RunOptions options, IReadOnlyList<PhaseMetrics> phases, IReadOnlyDictionary<string, object> facts)
    {
        var doc = new Dictionary<string, object?>
        {
            ["label"] = options.Label,
            ["facts"] = facts,
            ["options"] = new
            {
                options.Scenario, options.Terminals, options.Registered, Rate = options.Rate.Select(r => new { r.PerSecond, r.Seconds }),
                options.Closed, options.Concurrency, options.DurationSeconds, options.WarmupSeconds, options.Baselines, options.Mix,
                Cards = $"{options.FirstCard}-{options.LastCard}", Amount = $"{options.MinAmount}-{options.MaxAmount}",
            },
            ["phases"] = phases.Select(p => new Dictionary<string, object?>
            {
                ["name"] = p.Name,
                ["mode"] = p.Mode,
                ["target"] = p.Target,
                ["seconds"] = Math.Round(p.ElapsedSeconds, 3),
                ["measuredSeconds"] = Math.Round(p.MeasuredSeconds, 3),
                ["completed"] = p.Completed,
                ["ok"] = p.Ok,
                ["declined"] = p.Declined,
                ["errors"] = p.Failed,
                ["throughput"] = Math.Round(p.Throughput, 1),
                ["okThroughput"] = Math.Round(p.OkThroughput, 1),
                ["latencyMs"] = Stats(p.Latency),
                ["serviceMs"] = Stats(p.Service),
                ["sendLagMs"] = Stats(p.SendLag),
                ["latencyByKindMs"] = p.LatencyByKind.ToDictionary(k => k.Key, k => Stats(k.Value)),
                ["codes"] = p.Codes.ToDictionary(k => k.Key, k => k.Value),
                ["errorKinds"] = p.Errors.ToDictionary(k => k.Key, k => k.Value),
                ["extra"] = p.Extra,
                ["gauges"] = p.Gauges,
                ["cpuPercent"] = CpuAverages(p),
                ["peakRssMb"] = RssPeaks(p),
                ["verdicts"] = p.Verdicts,
                ["steps"] = p.Steps.Select(st => new { st.Name, st.PerSecond, st.Seconds, st.Ok, st.Declined, st.Errors, LatencyMs = Stats(st.Latency) }),
                ["timeline"] = p.Timeline,
            }).ToList(),
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        });
    }

    private static Dictionary<string, double> Stats(HistogramBase h)
    {
        var d = new Dictionary<string, double> { ["count"] = h.TotalCount };
        if (h.TotalCount == 0) return d;
        foreach (var q in Percentiles) d["p" + q.ToString(Inv)] = Math.Round(PhaseMetrics.Ms(h, q), 3);
        d["mean"] = Math.Round(h.GetMean() / 1000.0, 3);
        d["max"] = Math.Round(h.GetMaxValue() / 1000.0, 3);
        return d;
    }

    private static string SummaryCsv(IReadOnlyList<PhaseMetrics> phases)
    {
        var sb = new StringBuilder("phase,mode,seconds,completed,ok,declined,errors,throughput,ok_throughput,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,service_p99_ms,intended,sent,missed,cpu_runner,cpu_node,cpu_centre,cpu_echo,cpu_other,node_peak_rss_mb\n");
        foreach (var p in phases)
        {
            var cpu = CpuAverages(p);
            var rss = RssPeaks(p);
            sb.AppendLine(string.Join(',', Csv(p.Name), Csv(p.Mode), F(p.ElapsedSeconds), p.Completed, p.Ok, p.Declined, p.Failed, F(p.Throughput), F(p.OkThroughput),
                F(PhaseMetrics.Ms(p.Latency, 50)), F(PhaseMetrics.Ms(p.Latency, 90)), F(PhaseMetrics.Ms(p.Latency, 99)), F(PhaseMetrics.Ms(p.Latency, 99.9)),
                F(p.Latency.TotalCount > 0 ? p.Latency.GetMaxValue() / 1000.0 : 0), F(PhaseMetrics.Ms(p.Service, 99)),
                p.Extra.GetValueOrDefault("intendedOps", ""), p.Extra.GetValueOrDefault("sentOps", ""), p.Extra.GetValueOrDefault("missedOps", ""),
                F(cpu.GetValueOrDefault("runner")), F(cpu.GetValueOrDefault("node")), F(cpu.GetValueOrDefault("centre")), F(cpu.GetValueOrDefault("echo")),
                F(cpu.GetValueOrDefault("other")), F(rss.GetValueOrDefault("node"))));
        }
        return sb.ToString();
    }

    private static string TimelineCsv(IReadOnlyList<PhaseMetrics> phases)
    {
        var sb = new StringBuilder("phase,t,warmup,intended,sent,ok,declined,errors,throughput,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,service_p99_ms,send_lag_max_ms,in_flight,backlog," +
                                   "cpu_runner,cpu_node,cpu_centre,cpu_echo,cpu_other,rss_runner_mb,rss_node_mb,rss_centre_mb,fds_node,threads_node\n");
        foreach (var p in phases)
        foreach (var s in p.Timeline)
        {
            double Cpu(string n) => s.Processes.TryGetValue(n, out var r) ? r.CpuPercent : 0;
            double Rss(string n) => s.Processes.TryGetValue(n, out var r) ? r.RssMb : 0;
            var node = s.Processes.GetValueOrDefault("node");
            sb.AppendLine(string.Join(',', Csv(p.Name), F(s.T), s.Warmup ? 1 : 0, s.Intended, s.Sent, s.Ok, s.Declined, s.Errors, F(s.Throughput),
                F(s.P50), F(s.P90), F(s.P99), F(s.P999), F(s.Max), F(s.ServiceP99), F(s.SendLagMax), s.InFlight, s.Backlog,
                F(Cpu("runner")), F(Cpu("node")), F(Cpu("centre")), F(Cpu("echo")), F(Cpu("other")), F(Rss("runner")), F(Rss("node")), F(Rss("centre")),
                node.OpenFiles, node.Threads));
        }
        return sb.ToString();
    }

    private static string DistributionCsv(IReadOnlyList<PhaseMetrics> phases)
    {
        var sb = new StringBuilder("phase,percentile,latency_ms,total_count\n");
        foreach (var p in phases.Where(p => p.Latency.TotalCount > 0))
        foreach (var v in p.Latency.Percentiles(5))
            sb.AppendLine(string.Join(',', Csv(p.Name), F(v.Percentile, "F6"), F(v.ValueIteratedTo / 1000.0, "F3"), v.TotalCountToThisValue));
        return sb.ToString();
    }

    private static string Trim(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";

    private static string Csv(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static string F(double d, string format = "F3") => d.ToString(format, Inv);

    private static bool IsEmpty<TK, TV>(this IReadOnlyDictionary<TK, TV> d) => d.Count == 0;
}
