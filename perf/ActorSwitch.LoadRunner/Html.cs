using System.Globalization;
using System.Net;
using System.Text;
using HdrHistogram;
using ScottPlot;

namespace ActorSwitch.LoadRunner;

/// <summary>
/// The HTML report: the table, and per phase its charts drawn with ScottPlot (PNG embedded, so the file
/// stands alone): throughput over time, latency percentiles over time, the latency distribution
/// (percentile spectrum) and CPU per process over time.
/// </summary>
public static class Html
{
    private const int Width = 900, Height = 320;

    public static string Render(RunOptions options, IReadOnlyList<PhaseMetrics> phases, IReadOnlyDictionary<string, object> facts, string table)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>ActorSwitch load run</title><style>")
          .Append("body{font-family:sans-serif;margin:24px;color:#222}pre{background:#f6f6f6;padding:12px;overflow-x:auto;font-size:12px}")
          .Append("h2{border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:36px}img{display:block;margin:8px 0;max-width:100%}.v{font-weight:bold}")
          .Append("</style></head><body>");
        sb.Append("<h1>ActorSwitch load run").Append(options.Label is null ? "" : ": " + Enc(options.Label)).Append("</h1>");
        sb.Append("<p>").Append(Enc(facts.GetValueOrDefault("machine")?.ToString() ?? "")).Append("<br>")
          .Append(Enc(facts.GetValueOrDefault("command")?.ToString() ?? "")).Append("<br>")
          .Append(Enc(facts.GetValueOrDefault("startedAt")?.ToString() ?? "")).Append("</p>");
        sb.Append("<pre>").Append(Enc(table)).Append("</pre>");
        var charts = ChartsWork();
        if (charts is not null)
            sb.Append("<p>Charts unavailable: ").Append(Enc(charts)).Append("</p>");
        foreach (var p in phases)
        {
            sb.Append("<h2>").Append(Enc(p.Name)).Append("</h2><p>").Append(Enc(p.Mode)).Append(": ").Append(Enc(p.Target)).Append("</p>");
            foreach (var v in p.Verdicts) sb.Append("<p class=\"v\">").Append(Enc(v)).Append("</p>");
            if (charts is not null || p.Timeline.Count == 0) continue;
            Img(sb, Throughput(p));
            Img(sb, LatencyOverTime(p));
            if (p.Latency.TotalCount > 0) Img(sb, Distribution(p));
            Img(sb, Cpu(p));
        }
        sb.Append("</body></html>");
        return sb.ToString();
    }

    /// <summary>Null when ScottPlot (SkiaSharp's native library) renders here; else why not.</summary>
    private static string? ChartsWork()
    {
        try
        {
            var plot = new Plot();
            plot.Add.Scatter(new double[] { 0, 1 }, new double[] { 0, 1 });
            _ = plot.GetImageBytes(10, 10, ImageFormat.Png);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or InvalidOperationException)
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }

    private static void Img(StringBuilder sb, byte[] png) =>
        sb.Append("<img alt=\"chart\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">");

    private static byte[] Throughput(PhaseMetrics p)
    {
        var plot = New($"{p.Name}: throughput", "seconds", "per second");
        var t = p.Timeline.Select(s => s.T).ToArray();
        if (p.Mode == "open loop")
            Line(plot, t, p.Timeline.Select(s => s.Intended / Dt(p, s)).ToArray(), "intended", LinePattern.Dashed);
        Line(plot, t, p.Timeline.Select(s => s.Ok / Dt(p, s)).ToArray(), "ok");
        if (p.Timeline.Any(s => s.Declined > 0)) Line(plot, t, p.Timeline.Select(s => s.Declined / Dt(p, s)).ToArray(), "declined");
        if (p.Timeline.Any(s => s.Errors > 0)) Line(plot, t, p.Timeline.Select(s => s.Errors / Dt(p, s)).ToArray(), "errors");
        WarmupBand(plot, p);
        plot.Axes.SetLimitsY(0, Math.Max(1, p.Timeline.Max(s => Math.Max(s.Throughput, s.Intended / Dt(p, s)))) * 1.1);
        return Png(plot);
    }

    private static byte[] LatencyOverTime(PhaseMetrics p)
    {
        var plot = New($"{p.Name}: latency per second (ms{(p.Mode == "open loop" ? ", from the intended send time" : "")}; seconds without an answer left out)", "seconds", "ms");
        var answered = p.Timeline.Where(s => s.Ok + s.Declined + s.Errors > 0).ToList();
        var t = answered.Select(s => s.T).ToArray();
        Line(plot, t, answered.Select(s => s.P50).ToArray(), "p50");
        Line(plot, t, answered.Select(s => s.P90).ToArray(), "p90");
        Line(plot, t, answered.Select(s => s.P99).ToArray(), "p99");
        Line(plot, t, answered.Select(s => s.P999).ToArray(), "p99.9");
        Line(plot, t, answered.Select(s => s.Max).ToArray(), "max", LinePattern.Dotted);
        WarmupBand(plot, p);
        plot.Axes.SetLimitsY(0, Math.Max(1, p.Timeline.Max(s => s.Max)) * 1.1);
        return Png(plot);
    }

    /// <summary>The percentile spectrum: x = percentile on a log scale of 1/(1-p), y = latency.</summary>
    private static byte[] Distribution(PhaseMetrics p)
    {
        var plot = New($"{p.Name}: latency distribution (measured part)", "percentile", "ms");
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var v in p.Latency.Percentiles(5))
        {
            var q = Math.Min(v.PercentileLevelIteratedTo, 99.9999) / 100;
            xs.Add(Math.Log10(1 / (1 - q)));
            ys.Add(v.ValueIteratedTo / 1000.0);
        }
        Line(plot, xs.ToArray(), ys.ToArray(), "latency");
        double[] ticks = [0, 1, 2, 3, 4, 5];
        string[] labels = ["0%", "90%", "99%", "99.9%", "99.99%", "99.999%"];
        plot.Axes.Bottom.SetTicks(ticks, labels);
        plot.Axes.SetLimitsX(0, Math.Max(3, Math.Min(6, xs.DefaultIfEmpty(3).Max())));
        plot.Axes.SetLimitsY(0, Math.Max(0.1, ys.DefaultIfEmpty(1).Max()) * 1.1);
        return Png(plot);
    }

    private static byte[] Cpu(PhaseMetrics p)
    {
        var plot = New($"{p.Name}: CPU per process (% of one core; {Environment.ProcessorCount} cores = {Environment.ProcessorCount * 100}%)", "seconds", "%");
        var t = p.Timeline.Select(s => s.T).ToArray();
        foreach (var name in p.Timeline.SelectMany(s => s.Processes.Keys).Distinct().Where(n => n != "machine"))
            Line(plot, t, p.Timeline.Select(s => s.Processes.TryGetValue(name, out var r) ? r.CpuPercent : 0).ToArray(), name);
        plot.Axes.SetLimitsY(0, Environment.ProcessorCount * 100 * 1.05);
        return Png(plot);
    }

    private static double Dt(PhaseMetrics p, IntervalSample s)
    {
        var i = p.Timeline.IndexOf(s);
        var previous = i == 0 ? 0 : p.Timeline[i - 1].T;
        return Math.Max(1e-3, s.T - previous);
    }

    private static Plot New(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        return plot;
    }

    private static void Line(Plot plot, double[] xs, double[] ys, string label, LinePattern? pattern = null)
    {
        if (xs.Length == 0) return;
        var s = plot.Add.Scatter(xs, ys);
        s.LegendText = label;
        s.MarkerSize = xs.Length < 4 ? 5 : 0;
        s.LineWidth = 2;
        if (pattern is { } lp) s.LinePattern = lp;
    }

    private static void WarmupBand(Plot plot, PhaseMetrics p)
    {
        if (p.WarmupSeconds <= 0) return;
        var span = plot.Add.VerticalSpan(0, p.WarmupSeconds);
        span.FillColor = Colors.Gray.WithAlpha(0.15);
        span.LegendText = "warm-up";
    }

    private static byte[] Png(Plot plot)
    {
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    private static string F(double d) => d.ToString("F1", CultureInfo.InvariantCulture);
}
