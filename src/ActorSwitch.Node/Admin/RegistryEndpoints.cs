using Akka.Actor;
using Akka.Hosting;
using ActorSwitch.Node.Hosting;
using ActorSwitch.Switch.Registry;
using V = ActorSwitch.Node.Admin.RequestValidation;

namespace ActorSwitch.Node.Admin;

/// <summary>Merchants and terminals: register, read, list with paging, freeze and reactivate.</summary>
public static class RegistryEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private const int MaxPageSize = 500;

    public static void MapRegistryEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/merchants", RegisterMerchant);
        api.MapGet("/merchants", ListMerchants);
        api.MapGet("/merchants/{merchantId}", (string merchantId, RegistryView view) =>
            view.FindMerchant(merchantId) is { } m ? Results.Ok(MerchantDto.Of(m)) : NotFound("merchantId", merchantId));
        api.MapPost("/merchants/{merchantId}/freeze", (string merchantId, IRequiredActor<RegistryProxy> registry, RegistryView view) =>
            SetMerchantFrozen(merchantId, true, registry, view));
        api.MapPost("/merchants/{merchantId}/reactivate", (string merchantId, IRequiredActor<RegistryProxy> registry, RegistryView view) =>
            SetMerchantFrozen(merchantId, false, registry, view));

        api.MapPost("/terminals", RegisterTerminal);
        api.MapGet("/terminals", ListTerminals);
        api.MapGet("/merchants/{merchantId}/terminals/{terminalId}", (string merchantId, string terminalId, RegistryView view) =>
            view.FindTerminal(new TerminalKey(merchantId, terminalId)) is { } t
                ? Results.Ok(TerminalDto.Of(t))
                : NotFound("terminalId", terminalId));
        api.MapPost("/merchants/{merchantId}/terminals/{terminalId}/freeze",
            (string merchantId, string terminalId, IRequiredActor<RegistryProxy> registry, RegistryView view) =>
                SetTerminalFrozen(merchantId, terminalId, true, registry, view));
        api.MapPost("/merchants/{merchantId}/terminals/{terminalId}/reactivate",
            (string merchantId, string terminalId, IRequiredActor<RegistryProxy> registry, RegistryView view) =>
                SetTerminalFrozen(merchantId, terminalId, false, registry, view));
    }

    private static async Task<IResult> RegisterMerchant(HttpRequest request, IRequiredActor<RegistryProxy> registry, RegistryView view)
    {
        var (body, error) = await V.ReadAsync(request);
        if (body is null) return Results.BadRequest(error);
        var merchantId = body.String("merchantId", s => V.IsAlphanumeric(s, 15), "15 letters or digits (F42)");
        var name = body.String("name", s => V.IsText(s, 60), "1 to 60 printable characters");
        var mcc = body.String("mcc", s => V.IsDigits(s, 4), "4 digits (merchant category code)");
        var feeRate = body.Int("feeRate", 0, 10_000);
        if (!body.IsValid) return Results.BadRequest(body.Error);

        var reply = await Ask(registry, view, new RegisterMerchant(merchantId, name, mcc, feeRate));
        return reply.Outcome switch
        {
            RegistryOutcome.Done => Results.Created($"/api/merchants/{merchantId}", MerchantDto.Of(view.FindMerchant(merchantId)!)),
            RegistryOutcome.Conflict => Results.Conflict(new ApiError("merchantId", "already registered with other details")),
            _ => Results.Problem(reply.Detail),
        };
    }

    private static async Task<IResult> RegisterTerminal(HttpRequest request, IRequiredActor<RegistryProxy> registry, RegistryView view)
    {
        var (body, error) = await V.ReadAsync(request);
        if (body is null) return Results.BadRequest(error);
        var terminalId = body.String("terminalId", s => V.IsAlphanumeric(s, 8), "8 letters or digits (F41)");
        var merchantId = body.String("merchantId", s => V.IsAlphanumeric(s, 15), "15 letters or digits (F42)");
        var model = body.String("model", s => V.IsText(s, 40), "1 to 40 printable characters");
        if (!body.IsValid) return Results.BadRequest(body.Error);

        var reply = await Ask(registry, view, new RegisterTerminal(merchantId, terminalId, model));
        return reply.Outcome switch
        {
            RegistryOutcome.Done => Results.Created($"/api/merchants/{merchantId}/terminals/{terminalId}",
                TerminalDto.Of(view.FindTerminal(new TerminalKey(merchantId, terminalId))!)),
            RegistryOutcome.NotFound => NotFound("merchantId", merchantId),
            _ => Results.Conflict(new ApiError("terminalId", "already registered with another model")),
        };
    }

    private static IResult ListMerchants(RegistryView view, int? page, int? pageSize)
    {
        if (Paging(page, pageSize) is { Error: { } e }) return Results.BadRequest(e);
        var (p, size, _) = Paging(page, pageSize);
        var items = view.MerchantPage((p - 1) * size, size).Select(MerchantDto.Of).ToList();
        return Results.Ok(new PagedList<MerchantDto>(items, p, size, view.MerchantCount));
    }

    private static IResult ListTerminals(RegistryView view, string? merchantId, int? page, int? pageSize)
    {
        if (Paging(page, pageSize) is { Error: { } e }) return Results.BadRequest(e);
        var (p, size, _) = Paging(page, pageSize);
        var items = view.TerminalPage(merchantId, (p - 1) * size, size).Select(TerminalDto.Of).ToList();
        return Results.Ok(new PagedList<TerminalDto>(items, p, size, view.TerminalCountOf(merchantId)));
    }

    private static async Task<IResult> SetMerchantFrozen(string merchantId, bool frozen, IRequiredActor<RegistryProxy> registry, RegistryView view)
    {
        var reply = await Ask(registry, view, new SetMerchantFrozen(merchantId, frozen));
        return reply.Outcome == RegistryOutcome.Done
            ? Results.Ok(MerchantDto.Of(view.FindMerchant(merchantId)!))
            : NotFound("merchantId", merchantId);
    }

    private static async Task<IResult> SetTerminalFrozen(string merchantId, string terminalId, bool frozen,
        IRequiredActor<RegistryProxy> registry, RegistryView view)
    {
        var reply = await Ask(registry, view, new SetTerminalFrozen(merchantId, terminalId, frozen));
        return reply.Outcome == RegistryOutcome.Done
            ? Results.Ok(TerminalDto.Of(view.FindTerminal(new TerminalKey(merchantId, terminalId))!))
            : NotFound("terminalId", terminalId);
    }

    /// <summary>
    /// Asks the registry singleton (on whichever node it runs) and, for a change, waits until this
    /// node's view holds it, so that the answer and every later read through this node agree.
    /// </summary>
    private static async Task<RegistryReply> Ask(IRequiredActor<RegistryProxy> registry, RegistryView view, IRegistryCommand command)
    {
        var reply = await registry.ActorRef.Ask<RegistryReply>(command, AskTimeout);
        if (reply.Outcome != RegistryOutcome.Done) return reply;
        var deadline = DateTime.UtcNow + AskTimeout;
        while (view.AppliedSequenceNr < reply.SequenceNr)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"registry event {reply.SequenceNr} is durable but not yet visible on this node");
            await Task.Delay(20);
        }
        return reply;
    }

    private static IResult NotFound(string field, string id) => Results.NotFound(new ApiError(field, $"unknown id '{id}'"));

    private static (int Page, int Size, ApiError? Error) Paging(int? page, int? pageSize)
    {
        var p = page ?? 1;
        var size = pageSize ?? 50;
        if (p < 1) return (p, size, new ApiError("page", "must be 1 or more"));
        if (size < 1 || size > MaxPageSize) return (p, size, new ApiError("pageSize", $"must be from 1 to {MaxPageSize}"));
        return (p, size, null);
    }
}

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record MerchantDto(string MerchantId, string Name, string Mcc, int FeeRate, string Status)
{
    public static MerchantDto Of(Merchant m) => new(m.MerchantId, m.Name, m.Mcc, m.FeeRateBasisPoints, m.Frozen ? "frozen" : "active");
}

public sealed record TerminalDto(string TerminalId, string MerchantId, string Model, string Status)
{
    public static TerminalDto Of(Terminal t) => new(t.TerminalId, t.MerchantId, t.Model, t.Frozen ? "frozen" : "active");
}
