using System.Globalization;
using ActorSwitch.Central.Clearing;
using ActorSwitch.Central.Faults;
using ActorSwitch.Central.Hosting;
using ActorSwitch.Central.Ledger;
using ActorSwitch.Central.Network;
using ActorSwitch.Central.Security;

namespace ActorSwitch.Central.Control;

/// <summary>The loopback control API (README.md lists every endpoint): fault injection, read-only ledger
/// queries, clearing files and status. Bad input is answered 400 with the field named.</summary>
public static class ControlEndpoints
{
    public static void MapControlEndpoints(this WebApplication app)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "up" }));
        app.MapGet("/status", Status);

        app.MapGet("/faults", (FaultInjector faults) => FaultsView(faults));
        app.MapPut("/faults/latency", (LatencyRequest body, FaultInjector faults) =>
        {
            var min = body.Ms ?? body.MinMs ?? 0;
            var max = body.Ms ?? body.MaxMs ?? min;
            if (min < 0 || max < min || max > 600_000) return Invalid("maxMs", "0 <= minMs <= maxMs <= 600000");
            faults.Settings = faults.Settings with { LatencyMinMs = min, LatencyMaxMs = max };
            return Results.Ok(FaultsView(faults));
        });
        app.MapPut("/faults/decline", (DeclineRequest body, FaultInjector faults) =>
        {
            if (body.Rate is < 0 or > 1) return Invalid("rate", "a share from 0 to 1");
            var code = body.ResponseCode ?? ResponseCodes.DoNotHonour;
            if (!ResponseCodes.IsWellFormed(code) || code == ResponseCodes.Approved) return Invalid("responseCode", "two characters, not 00");
            faults.Settings = faults.Settings with { DeclineRate = body.Rate, DeclineCode = code };
            return Results.Ok(FaultsView(faults));
        });
        app.MapPut("/faults/drop", (DropRequest body, FaultInjector faults) =>
        {
            if (body.Rate is < 0 or > 1) return Invalid("rate", "a share from 0 to 1");
            DropStage stage;
            if (body.Stage is null) stage = DropStage.Answer;
            else if (!Enum.TryParse(body.Stage, ignoreCase: true, out stage)) return Invalid("stage", "answer or request");
            faults.Settings = faults.Settings with { DropRate = body.Rate, DropStage = stage };
            return Results.Ok(FaultsView(faults));
        });
        app.MapPost("/faults/disconnect", (DisconnectRequest? body, FaultInjector faults, ConnectionRegistry registry) =>
        {
            if (body?.AfterMessages is > 0 and var n)
            {
                faults.ArmDisconnect(n);
                return Results.Ok(new { armed = true, afterMessages = n });
            }
            if (body?.AfterMessages is < 0) return Invalid("afterMessages", "a positive count, or absent to close now");
            return Results.Ok(new { closed = registry.CloseAll("fault injection: disconnect now") });
        });
        app.MapPut("/faults/clearing", (ClearingFaultRequest body, FaultInjector faults) =>
        {
            if (body.DropRows is < 0 or > 1_000_000) return Invalid("dropRows", "a count from 0");
            if (body.AlterRows is < 0 or > 1_000_000) return Invalid("alterRows", "a count from 0");
            faults.Settings = faults.Settings with { ClearingDropRows = body.DropRows ?? 0, ClearingAlterRows = body.AlterRows ?? 0 };
            return Results.Ok(FaultsView(faults));
        });
        app.MapPost("/faults/reset", (FaultInjector faults) =>
        {
            faults.Reset();
            return Results.Ok(FaultsView(faults));
        });

        app.MapGet("/transactions/{rrn}", (string rrn, string? acquirer, LedgerQueries queries) =>
        {
            var found = queries.Transaction(rrn, acquirer, out var matches);
            return found is not null ? Results.Ok(found)
                : matches == 0 ? Results.NotFound(new { rrn, error = "no such transaction" })
                : Invalid("acquirer", $"{matches} acquirers used RRN {rrn}: name one");
        });
        app.MapGet("/cards/{serial:int}", (int serial, LedgerEngine ledger) =>
            ledger.FindCardBySerial(serial) is { } card
                ? Results.Ok(ledger.Read(() => new
                {
                    serial, maskedPan = card.MaskedPan, availableFen = card.BalanceFen, heldFen = card.HeldFen,
                    ledgerBalanceFen = card.BalanceFen + card.HeldFen, wrongPinCount = card.WrongPinCount,
                }))
                : Results.NotFound(new { serial, error = "no such card" }));
        app.MapGet("/settlement/{date}", (string date, LedgerQueries queries) =>
            TryDate(date, out var d) ? Results.Ok(queries.Totals(d)) : Invalid("date", "yyyy-MM-dd"));
        app.MapGet("/ledger/check", (LedgerQueries queries) => Results.Ok(queries.Check()));

        app.MapGet("/clearing/{date}", (string date, ClearingFile clearing) =>
            TryDate(date, out var d) ? Results.Text(clearing.Write(d).Content, "text/csv") : Invalid("date", "yyyy-MM-dd"));
        app.MapPost("/clearing/{date}", (string date, ClearingFile clearing) =>
        {
            if (!TryDate(date, out var d)) return Invalid("date", "yyyy-MM-dd");
            var (path, _, rows) = clearing.Write(d);
            return Results.Ok(new { settlementDate = d, path, rows });
        });
    }

    private static IResult Status(CentralOptions options, LedgerEngine ledger, ConnectionRegistry registry, ZoneKeyRing keyRing,
        FaultInjector faults, GroupCommitWriter writer, CentreKeys keys)
    {
        var statistics = writer.Statistics;
        return Results.Ok(new
        {
            host = options.Host, port = options.Port, adminPort = options.AdminPort, development = options.Dev,
            institution = options.Institution, settlementDate = ledger.Clock.Today, zoneMasterKeyCheckValue = keys.ZoneMasterKeyCheckValue,
            cards = ledger.CardCount, transactions = ledger.TransactionCount,
            connections = registry.All.Select(c => new { id = c.Id, peer = c.Peer, institution = c.Institution, messages = c.MessagesReceived }),
            institutions = keyRing.Describe().Select(d => new { institution = d.Institution, keyGeneration = d.Generation, zpkCheckValue = d.PinKeyCheckValue, zakCheckValue = d.MacKeyCheckValue }),
            faults = FaultsView(faults),
            groupCommit = new { batches = statistics.Batches, decisions = statistics.Decisions, averageBatchSize = Math.Round(statistics.AverageBatchSize, 1), commitSeconds = Math.Round(statistics.CommitTime.TotalSeconds, 3), synchronous = options.Synchronous },
        });
    }

    private static object FaultsView(FaultInjector faults)
    {
        var s = faults.Settings;
        return new
        {
            latency = new { minMs = s.LatencyMinMs, maxMs = s.LatencyMaxMs },
            decline = new { rate = s.DeclineRate, responseCode = s.DeclineCode },
            drop = new { rate = s.DropRate, stage = s.DropStage.ToString().ToLowerInvariant() },
            disconnectAfterMessages = faults.DisconnectAfter,
            clearing = new { dropRows = s.ClearingDropRows, alterRows = s.ClearingAlterRows },
        };
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static IResult Invalid(string field, string expected) =>
        Results.BadRequest(new { field, error = $"expected {expected}" });

    public sealed record LatencyRequest(int? Ms, int? MinMs, int? MaxMs);
    public sealed record DeclineRequest(double Rate, string? ResponseCode);
    public sealed record DropRequest(double Rate, string? Stage);
    public sealed record DisconnectRequest(long? AfterMessages);
    public sealed record ClearingFaultRequest(int? DropRows, int? AlterRows);
}
