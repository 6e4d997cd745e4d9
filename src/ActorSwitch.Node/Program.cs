using System.Text;
using ActorSwitch.Node.Admin;
using ActorSwitch.Node.Hosting;
using ActorSwitch.Switch.Registry;

// ActorSwitch node: one process of the provincial platform (POSP, operator API; see README).
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Configuration.AddCommandLine(NodeOptions.NormaliseArgs(args), NodeOptions.SwitchMappings);
builder.Configuration.AddEnvironmentVariables("ACTORSWITCH_");

var options = builder.Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
var adminToken = options.ResolveAdminToken();

builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Parse(options.AdminHost), options.AdminPort));
builder.Services.AddSingleton(options);
builder.Services.AddSingleton<RegistryView>();
builder.Services.AddActorSwitchAkka(options);

var app = builder.Build();
// Liveness answers from the start; readiness once the journal is recovered (and, with the POS
// listener, once the centre link is up).
app.MapGet("/health", () => Results.Ok(new { status = "up" }));
app.MapGet("/health/ready", (RegistryView registry) => registry.IsRecovered
    ? Results.Ok(new { status = "ready" })
    : Results.Json(new { status = "starting", waitingFor = "journal recovery" }, statusCode: 503));
var api = app.MapGroup("/api")
    .AddEndpointFilter(new BearerTokenFilter(Encoding.UTF8.GetBytes(adminToken),
        app.Services.GetRequiredService<ILogger<BearerTokenFilter>>()));
api.MapRegistryEndpoints();

app.Logger.LogInformation("ActorSwitch node: operator API on {Host}:{Port}, data in {DataDir}, journal {Journal}{Dev}",
    options.AdminHost, options.AdminPort, Path.GetFullPath(options.DataDir), options.Journal, options.Dev ? " (development mode)" : "");
await app.RunAsync();
