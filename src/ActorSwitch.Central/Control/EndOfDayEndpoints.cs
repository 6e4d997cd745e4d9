using System.Globalization;
using System.Text;
using ActorSwitch.Central.Clearing;

namespace ActorSwitch.Central.Control;

/// <summary>
/// The end-of-day file gateway (docs/interfaces/central.md, "End-of-day file exchange"): a province
/// POSTs its day file and GETs the centre's clearing file of the date. Idempotent by (acquirer, date, checksum).
/// </summary>
public static class EndOfDayEndpoints
{
    public static void MapEndOfDayEndpoints(this WebApplication app)
    {
        app.MapPost("/eod/{acquirer}/{date}/file", async (string acquirer, string date, HttpRequest request, EndOfDayGateway gateway) =>
        {
            if (!IsAcquirer(acquirer)) return Invalid("acquirer", "8 to 11 digits");
            if (!TryDate(date, out var d)) return Invalid("date", "yyyy-MM-dd");
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var content = await reader.ReadToEndAsync();
            var result = gateway.Upload(acquirer, d, content);
            return result.Status switch
            {
                201 => Results.Json(result.Receipt, statusCode: 201),
                200 => Results.Ok(result.Receipt),
                409 => Results.Conflict(new { field = result.Field, error = result.Error }),
                _ => Results.BadRequest(new { field = result.Field, error = result.Error }),
            };
        });
        app.MapGet("/eod/{acquirer}/{date}/clearing", (string acquirer, string date, EndOfDayGateway gateway) =>
        {
            if (!IsAcquirer(acquirer)) return Invalid("acquirer", "8 to 11 digits");
            if (!TryDate(date, out var d)) return Invalid("date", "yyyy-MM-dd");
            return gateway.ClearingFor(acquirer, d) is { } csv
                ? Results.Text(csv, "text/csv")
                : Results.NotFound(new { acquirer, date, error = "the day's file was not uploaded" });
        });
    }

    private static bool IsAcquirer(string s) => s.Length is >= 8 and <= 11 && s.All(char.IsAsciiDigit);

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static IResult Invalid(string field, string expected) => Results.BadRequest(new { field, error = $"expected {expected}" });
}
