using ActorSwitch.Node.Hosting;
using ActorSwitch.Node.Pos;
using ActorSwitch.Switch.Centre;
using ActorSwitch.Switch.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ActorSwitch.Node.Observability;

/// <summary>
/// Health and metrics of a node (docs/observability.md): liveness at <c>/health</c>, readiness at
/// <c>/health/ready</c> (each check with its state), and the <c>ActorSwitch</c> meter plus the runtime's
/// in Prometheus text at <c>/metrics</c> through OpenTelemetry's Prometheus exporter. All three are on the
/// operator port without the bearer token: they carry no secret and no terminal, merchant or card.
/// </summary>
public static class ObservabilityWiring
{
    public static IServiceCollection AddActorSwitchObservability(this IServiceCollection services, PlatformConfig platform)
    {
        var health = platform.Config.GetConfig("actorswitch.health");
        services.AddSingleton(new JournalHealth(
            health?.GetTimeSpan("journal-probe-interval", TimeSpan.FromSeconds(10)) ?? TimeSpan.FromSeconds(10),
            health?.GetTimeSpan("journal-write-stale-after", TimeSpan.FromSeconds(30)) ?? TimeSpan.FromSeconds(30)));
        services.AddHostedService<JournalProbeService>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("actorswitch-node"))
            .WithMetrics(metrics => metrics
                .AddMeter(SwitchMeters.MeterName)
                .AddMeter("System.Runtime") // the runtime's own meter (GC, thread pool, exceptions) since .NET 9
                .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapHealthAndMetrics(this WebApplication app)
    {
        SwitchMeters.ObserveOpenPosConnections(() => app.Services.GetRequiredService<PosMetrics>().OpenConnections);
        var link = app.Services.GetRequiredService<CentreLinkHealth>();
        SwitchMeters.ObserveCentreLinks(() => link.SignedOn);

        // Liveness answers from the start; readiness once every check passes (Readiness).
        app.MapGet("/health", () => Results.Ok(new { status = "up" }));
        app.MapGet("/health/ready", (Readiness readiness) =>
        {
            var checks = readiness.Checks();
            var body = new
            {
                status = Readiness.IsReadyFrom(checks) ? "ready" : readiness.PosListening ? "not-ready" : "starting",
                posListening = readiness.PosListening,
                waitingFor = Readiness.WaitingForFrom(checks),
                checks = checks.Select(c => new { name = c.Name, state = c.Ok ? "pass" : "fail", detail = c.Detail }),
            };
            return Results.Json(body, statusCode: body.waitingFor is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapPrometheusScrapingEndpoint(); // /metrics
        return app;
    }
}
