using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ActorSwitch.Ctl;

/// <summary>
/// Where a command's answer goes: tables on an ANSI console (plain text when redirected, wide enough
/// that cluster addresses are not wrapped), or the node's JSON, indented, with <c>--json</c>.
/// </summary>
public sealed class Output(IAnsiConsole console, TextWriter raw, bool json)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public bool Json { get; } = json;

    public IAnsiConsole Console { get; } = console;

    public static Output ForProcess(bool json)
    {
        var redirected = System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Out),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        if (redirected) console.Profile.Width = 240;
        return new Output(console, System.Console.Out, json);
    }

    public void WriteJson(JsonElement element) => raw.WriteLine(JsonSerializer.Serialize(element, Indented));

    public void WriteJson(object value) => raw.WriteLine(JsonSerializer.Serialize(value, Indented));

    public void Line(string text) => Console.WriteLine(text);

    public void Write(IRenderable renderable) => Console.Write(renderable);

    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var h in headers) table.AddColumn(new TableColumn(new Text(h, new Style(decoration: Decoration.Bold))));
        return table;
    }

    /// <summary>A row of plain text cells (never parsed as markup: ids and errors may contain brackets).</summary>
    public static void Row(Table table, params string?[] cells) =>
        table.AddRow(cells.Select(c => (IRenderable)new Text(c is null or "" ? "-" : c)));

    /// <summary>A row whose cells are already renderables (coloured states).</summary>
    public static void Row(Table table, params IRenderable[] cells) => table.AddRow(cells);

    public static IRenderable Cell(string? text) => new Text(text is null or "" ? "-" : text);

    public static IRenderable Good(string text) => new Text(text, new Style(Color.Green));

    public static IRenderable Bad(string text) => new Text(text, new Style(Color.Red));

    public static IRenderable State(bool good, string text) => good ? Good(text) : Bad(text);

    /// <summary>A two-column table of names and values.</summary>
    public static Table Properties(IEnumerable<(string Name, string? Value)> rows)
    {
        var table = Table("", "").HideHeaders();
        foreach (var (name, value) in rows) Row(table, name, value);
        return table;
    }

    /// <summary>An ISO timestamp as UTC to the second.</summary>
    public static string? Time(string? iso) =>
        iso is not null && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : iso;
}

/// <summary>Reading the node's JSON without ceremony (absent and null read as null).</summary>
public static class J
{
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.True => "yes",
                JsonValueKind.False => "no",
                _ => v.GetRawText(),
            }
            : null;

    public static int Int(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : 0;

    public static bool Bool(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static JsonElement Obj(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    public static IEnumerable<JsonElement> Arr(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray()
            : [];

    public static string Strings(this JsonElement e, string name) => string.Join(", ", e.Arr(name).Select(x => x.ToString()));
}
