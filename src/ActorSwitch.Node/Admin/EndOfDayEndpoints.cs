using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using ActorSwitch.Node.Hosting;
using ActorSwitch.Switch.EndOfDay;

namespace ActorSwitch.Node.Admin;

/// <summary>
/// End of day for operators: the state of each day (<c>open</c>, <c>running</c>, <c>closed</c>, and its
/// step), a run (the current settlement day, cut off now, or a named date), and the day's reports.
/// </summary>
public static class EndOfDayEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private static readonly HashSet<string> Reports =
        EndOfDayReports.Names.SelectMany(n => new[] { n + ".csv", n + ".json" }).ToHashSet(StringComparer.Ordinal);

    public static void MapEndOfDayEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/eod", async (IRequiredActor<EndOfDayProxy> eod) =>
        {
            var status = await eod.ActorRef.Ask<EndOfDayStatus>(GetEndOfDayStatus.Instance, AskTimeout);
            return Results.Ok(new
            {
                currentSettlementDate = Date(status.CurrentSettlementDate),
                days = status.Days.Select(d => new
                {
                    date = Date(d.Date), state = d.State, step = d.Step, cutOffAt = d.CutOffAt, lastError = d.LastError,
                    outputs = new SortedDictionary<string, string>(d.Outputs.ToDictionary(), StringComparer.Ordinal),
                }),
            });
        });
        api.MapPost("/eod/run", async (HttpRequest request, IRequiredActor<EndOfDayProxy> eod) =>
        {
            DateOnly? date = null;
            if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                try
                {
                    using var doc = await JsonDocument.ParseAsync(request.Body);
                    if (doc.RootElement.ValueKind != JsonValueKind.Object) return Invalid("body", "a JSON object, or no body");
                    if (doc.RootElement.TryGetProperty("date", out var d) && d.ValueKind != JsonValueKind.Null)
                    {
                        if (d.ValueKind != JsonValueKind.String || !TryDate(d.GetString()!, out var parsed)) return Invalid("date", "YYYY-MM-DD");
                        date = parsed;
                    }
                }
                catch (JsonException e)
                {
                    return Invalid("body", "valid JSON: " + e.Message);
                }
            }
            var answer = await eod.ActorRef.Ask<RunEndOfDayAnswer>(new RunEndOfDay(date), AskTimeout);
            var body = new { date = Date(answer.Date), outcome = answer.Outcome, message = answer.Message };
            return answer.Outcome switch
            {
                "started" => Results.Json(body, statusCode: StatusCodes.Status202Accepted),
                "refused" => Results.BadRequest(new ApiError("date", answer.Message)),
                _ => Results.Ok(body), // closed (a no-op, and it says so) or running
            };
        });
        // Served by the end-of-day singleton, wherever in the cluster it runs (the files are its node's).
        api.MapGet("/eod/{date}/{report}", async (string date, string report, IRequiredActor<EndOfDayProxy> eod) =>
        {
            if (!TryDate(date, out var d)) return Invalid("date", "YYYY-MM-DD");
            if (!Reports.Contains(report)) return Invalid("report", string.Join(", ", Reports.Order()));
            var answer = await eod.ActorRef.Ask<EndOfDayReport>(new GetEndOfDayReport(d, report), AskTimeout);
            return answer.Content is { } content
                ? Results.Text(content, report.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/json")
                : Results.NotFound(new ApiError("date", $"no {report} for {Date(d)}: {answer.Error}"));
        });
    }

    internal static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    internal static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IResult Invalid(string field, string expected) => Results.BadRequest(new ApiError(field, $"expected {expected}"));
}
