using System.Text.Json;
using Akka.Actor;
using ActorSwitch.Node.Hosting;
using ActorSwitch.Iso8583;
using ActorSwitch.Switch.EndOfDay;
using ActorSwitch.Switch.Registry;

namespace ActorSwitch.Node.Admin;

/// <summary>
/// Transaction details by settlement date range (<c>from</c>, <c>to</c>: YYYY-MM-DD, both optional,
/// default the current settlement day; at most 31 days): for a merchant, and for a card whose PAN
/// travels in the body, never in a URL. Amounts are integers in fen; PANs are masked; offline purse
/// records are included (a card's by its application serial, <c>cardSerial</c>).
/// </summary>
public static class TransactionQueryEndpoints
{
    private const int MaxDays = 31;

    public static void MapTransactionQueryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/merchants/{merchantId}/transactions", async (string merchantId, string? from, string? to, RegistryView view,
            EndOfDayServices eod, ActorSystem system) =>
        {
            if (view.FindMerchant(merchantId) is null) return Results.NotFound(new ApiError("merchantId", $"unknown id '{merchantId}'"));
            var (range, error) = Range(from, to, eod);
            if (error is not null) return Results.BadRequest(error);
            var terminals = view.TerminalPage(merchantId, 0, int.MaxValue).Select(t => new TerminalKey(t.MerchantId, t.TerminalId).EntityId);
            var rows = await TransactionHistory.ReadTerminalsAsync(system, terminals, range.From, range.To);
            return Results.Ok(Answer(range, rows, new { merchantId }));
        });
        api.MapPost("/cards/transactions/query", async (HttpRequest request, PlatformKeys keys, EndOfDayServices eod, ActorSystem system) =>
        {
            string? pan = null, serial = null, from = null, to = null;
            try
            {
                using var doc = await JsonDocument.ParseAsync(request.Body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return Results.BadRequest(new ApiError("body", "expected a JSON object"));
                string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                (pan, serial, from, to) = (Text("pan"), Text("cardSerial"), Text("from"), Text("to"));
            }
            catch (JsonException e)
            {
                return Results.BadRequest(new ApiError("body", "not valid JSON: " + e.Message));
            }
            if (pan is null && serial is null) return Results.BadRequest(new ApiError("pan", "required: the card number (or cardSerial for e-purse records)"));
            if (pan is not null && (pan.Length is < 13 or > 19 || !pan.All(char.IsAsciiDigit) || !Luhn.IsValid(pan)))
                return Results.BadRequest(new ApiError("pan", "13 to 19 digits with a valid check digit"));
            if (serial is not null && (serial.Length != 16 || !serial.All(Uri.IsHexDigit)))
                return Results.BadRequest(new ApiError("cardSerial", "16 hex digits (card application serial number)"));
            var (range, error) = Range(from, to, eod);
            if (error is not null) return Results.BadRequest(error);
            var token = pan is null ? null : keys.Security.TokenizePan(keys.PanDataKey, pan);
            var purse = serial is null ? null : "purse:" + serial.ToUpperInvariant();
            var rows = await TransactionHistory.ReadAsync(system, r => r.PanToken == token || r.PanToken == purse, range.From, range.To);
            return Results.Ok(Answer(range, rows, new { maskedPan = pan is null ? null : PanMask.Mask(pan), cardSerial = serial }));
        });
    }

    private static object Answer((DateOnly From, DateOnly To) range, IReadOnlyList<HistoryEntry> rows, object who) => new
    {
        who, from = EndOfDayEndpoints.Date(range.From), to = EndOfDayEndpoints.Date(range.To), count = rows.Count,
        transactions = rows.Select(r => new
        {
            rrn = r.Rrn, merchantId = r.MerchantId, terminalId = r.TerminalId, transaction = r.Transaction, side = r.Side,
            amountFen = r.AmountFen, maskedPan = r.MaskedPan, status = r.Status, responseCode = r.ResponseCode, authCode = r.AuthCode,
            settlementDate = EndOfDayEndpoints.Date(r.SettlementDate), at = r.At, batch = r.Batch, trace = r.Trace,
            originalRrn = r.OriginalRrn, offline = r.Offline,
        }),
    };

    private static ((DateOnly From, DateOnly To) Range, ApiError? Error) Range(string? from, string? to, EndOfDayServices eod)
    {
        var today = eod.Calendar.SettlementDate(eod.Time.GetUtcNow());
        DateOnly f = today, t = today;
        if (from is not null && !EndOfDayEndpoints.TryDate(from, out f)) return (default, new ApiError("from", "expected YYYY-MM-DD"));
        if (to is not null && !EndOfDayEndpoints.TryDate(to, out t)) return (default, new ApiError("to", "expected YYYY-MM-DD"));
        if (from is not null && to is null) t = f > today ? f : today;
        if (to is not null && from is null) f = t;
        if (t < f) return (default, new ApiError("to", "expected a date on or after from"));
        if (t.DayNumber - f.DayNumber >= MaxDays) return (default, new ApiError("to", $"expected at most {MaxDays} days from 'from'"));
        return ((f, t), null);
    }
}
