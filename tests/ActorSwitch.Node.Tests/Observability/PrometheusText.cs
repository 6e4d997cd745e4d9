using System.Globalization;
using System.Text;

namespace ActorSwitch.Node.Tests.Observability;

/// <summary>One sample of a scrape: metric name, labels, value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public bool Has(string label, string value) => Labels.TryGetValue(label, out var v) && v == value;
}

/// <summary>
/// A strict reader of the Prometheus text exposition format (0.0.4): comments are <c># HELP</c>/<c># TYPE</c>,
/// every other non-empty line is <c>name{label="value",...} value [timestamp]</c>. Anything else fails the
/// parse, so a test that reads a scrape also checks that it is valid text format.
/// </summary>
public sealed class PrometheusText
{
    private PrometheusText(IReadOnlyList<PrometheusSample> samples, IReadOnlyDictionary<string, string> types)
    {
        Samples = samples;
        Types = types;
    }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>Metric family name to its <c># TYPE</c> (counter, gauge, histogram...).</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public IEnumerable<PrometheusSample> Named(string name) => Samples.Where(s => s.Name == name);

    /// <summary>The value of the one sample with this name whose labels include all of <paramref name="labels"/>.</summary>
    public double? Value(string name, params (string Label, string Value)[] labels)
    {
        var matches = Named(name).Where(s => labels.All(l => s.Has(l.Label, l.Value))).ToList();
        if (matches.Count > 1) throw new InvalidOperationException($"{matches.Count} samples of {name} match {string.Join(",", labels)}");
        return matches.Count == 0 ? null : matches[0].Value;
    }

    public static PrometheusText Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 4 && parts[1] == "TYPE") types[parts[2]] = parts[3];
                else if (parts.Length < 3 || parts[1] is not ("HELP" or "TYPE") && !line.StartsWith("# EOF", StringComparison.Ordinal))
                    throw new FormatException($"line {lineNumber}: not a HELP or TYPE comment: {line}");
                continue;
            }
            samples.Add(ParseSample(line, lineNumber));
        }
        return new PrometheusText(samples, types);
    }

    private static PrometheusSample ParseSample(string line, int lineNumber)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':')) i++;
        if (i == 0 || char.IsAsciiDigit(line[0])) throw new FormatException($"line {lineNumber}: no metric name: {line}");
        var name = line[..i];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var start = i;
                while (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '_') i++;
                var label = line[start..i];
                if (label.Length == 0 || line[i] != '=' || line[i + 1] != '"') throw new FormatException($"line {lineNumber}: bad label: {line}");
                i += 2;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch { 'n' => '\n', '\\' => '\\', '"' => '"', _ => throw new FormatException($"line {lineNumber}: bad escape") });
                    }
                    else value.Append(line[i]);
                    i++;
                }
                i++;
                if (!labels.TryAdd(label, value.ToString())) throw new FormatException($"line {lineNumber}: label {label} twice");
                if (line[i] == ',') i++;
                else if (line[i] != '}') throw new FormatException($"line {lineNumber}: bad label list: {line}");
            }
            i++;
        }
        if (i >= line.Length || line[i] != ' ') throw new FormatException($"line {lineNumber}: no value: {line}");
        var fields = line[(i + 1)..].Split(' ');
        if (fields.Length is < 1 or > 2) throw new FormatException($"line {lineNumber}: bad value: {line}");
        var number = fields[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PrometheusSample(name, labels, number);
    }
}
