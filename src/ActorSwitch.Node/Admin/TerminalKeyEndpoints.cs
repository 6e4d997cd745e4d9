using Akka.Actor;
using Akka.Hosting;
using ActorSwitch.Node.Hosting;
using ActorSwitch.Switch.Registry;
using ActorSwitch.Switch.Terminals;

namespace ActorSwitch.Node.Admin;

/// <summary>Terminal master keys for the key-loading device, and a terminal's live state.</summary>
public static class TerminalKeyEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static void MapTerminalKeyEndpoints(this RouteGroupBuilder api)
    {
        // Generates (or rotates) the TMK; it leaves only as a TR-31 block under the key-loading device's KBPK.
        api.MapPost("/merchants/{merchantId}/terminals/{terminalId}/tmk",
            async (string merchantId, string terminalId, RegistryView view, IRequiredActor<TerminalRegion> terminals) =>
            {
                var key = new TerminalKey(merchantId, terminalId);
                if (view.FindTerminal(key) is null) return Results.NotFound(new ApiError("terminalId", $"unknown id '{terminalId}'"));
                var reply = await terminals.ActorRef.Ask<object>(new IssueTerminalMasterKey(key.EntityId), AskTimeout);
                return reply is TerminalMasterKeyIssued issued
                    ? Results.Ok(new { keyBlock = issued.KeyBlock, kcv = issued.CheckValue })
                    : Results.Problem("the security module refused to generate the key", statusCode: 500);
            });

        api.MapGet("/merchants/{merchantId}/terminals/{terminalId}/state",
            async (string merchantId, string terminalId, RegistryView view, IRequiredActor<TerminalRegion> terminals) =>
            {
                var key = new TerminalKey(merchantId, terminalId);
                if (view.FindTerminal(key) is null) return Results.NotFound(new ApiError("terminalId", $"unknown id '{terminalId}'"));
                var status = await terminals.ActorRef.Ask<TerminalStatus>(new GetTerminalStatus(key.EntityId), AskTimeout);
                return Results.Ok(new
                {
                    hasMasterKey = status.HasMasterKey, signedOn = status.SignedOn, batch = status.Batch,
                    openTransactions = status.OpenTransactions, knownTransactions = status.KnownTransactions,
                });
            });
    }
}
