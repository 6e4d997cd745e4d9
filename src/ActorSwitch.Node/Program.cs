using System.Text;
using ActorSwitch.Node.Admin;
using ActorSwitch.Node.Centre;
using ActorSwitch.Node.Hosting;
using ActorSwitch.Node.Observability;
using ActorSwitch.Node.Pos;
using ActorSwitch.Switch.Centre;
using ActorSwitch.Switch.Registry;
using ActorSwitch.Switch.Risk;
using ActorSwitch.Switch.Terminals;
using ActorSwitch.Switch.Clock;
using ActorSwitch.Switch.EndOfDay;

// ActorSwitch node: one process of the provincial platform (POSP, operator API; see README).
// The content root is the application's own folder, not the working directory: the host watches its
// content root for configuration changes, and the working directory usually holds the data directory,
// so every journal write woke the watcher (11.5% of the node's CPU under load, docs/performance.md).
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Configuration.AddCommandLine(NodeOptions.NormaliseArgs(args), NodeOptions.SwitchMappings);
builder.Configuration.AddEnvironmentVariables("ACTORSWITCH_");

var options = builder.Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
var adminToken = options.ResolveAdminToken();
var platform = PlatformConfig.Load(options);
var endOfDay = platform.Config.GetConfig("actorswitch.end-of-day");
var exitAt = Environment.GetEnvironmentVariable("ACTORSWITCH_EOD_EXIT_AT") is { Length: > 0 } fromEnv ? fromEnv : endOfDay.GetString("test-exit-at", "");
if (exitAt.Length > 0 && !options.Dev)
    throw new InvalidOperationException("The end-of-day exit hook (ACTORSWITCH_EOD_EXIT_AT, test-exit-at) is for tests: refused outside --dev.");
if (exitAt.Length > 0 && !EndOfDaySteps.All.Any(step => exitAt == step || exitAt == step + EndOfDaySteps.BeforeCheckpoint))
    throw new InvalidOperationException($"The end-of-day exit hook names no step: '{exitAt}' (steps: {string.Join(", ", EndOfDaySteps.All)}).");
if (exitAt.Length > 0) Console.Error.WriteLine($"Test hook: the process kills itself at end-of-day step {exitAt}");
using var startupLogs = LoggerFactory.Create(l => l.AddSimpleConsole());
var startupLog = startupLogs.CreateLogger("ActorSwitch.Node");

var keys = PlatformKeys.Load(platform, startupLog);
using var simulator = platform.CentreAddress is { Length: > 0 } ? null : CentralSimulatorProcess.Start(options, startupLog);
var centre = simulator is not null ? new CentreEndpoint("127.0.0.1", simulator.Port) : ParseEndpoint(platform.CentreAddress);

var registry = new RegistryView();
var blacklist = new CardBlacklist();
foreach (var (pan, reason) in platform.Blacklist()) blacklist.Add(keys.Security.TokenizePan(keys.PanDataKey, pan), reason);
var calendar = platform.Calendar();
var cardActivity = new CardActivity();
var terminalServices = new TerminalServices
{
    Security = keys.Security,
    KeyLoadingDeviceKbpk = keys.KeyLoadingDeviceKbpk,
    PanDataKey = keys.PanDataKey,
    TacMasterKey = keys.TacMasterKey,
    Registry = registry,
    Risk = new RiskEngine(platform.Risk(), blacklist, cardActivity, calendar.Zone),
    Settings = platform.Terminals(),
    Calendar = calendar,
    Rrns = new RetrievalReferenceGenerator(options.NodeNumber >= 0 ? options.NodeNumber : options.PosPort % 256),
};

var gateway = endOfDay.GetString("centre-gateway", "") is { Length: > 0 } configuredGateway ? configuredGateway
    : simulator is not null ? $"http://127.0.0.1:{simulator.AdminPort}/" : null;
var endOfDayServices = new EndOfDayServices
{
    Settings = new EndOfDaySettings(Path.GetFullPath(options.DataDir), platform.AcquirerId,
        gateway is null ? null : new Uri(gateway.EndsWith('/') ? gateway : gateway + "/"),
        endOfDay.GetTimeSpan("drain-grace", TimeSpan.FromMinutes(2)), endOfDay.GetTimeSpan("retry-interval", TimeSpan.FromSeconds(5)),
        exitAt.Length > 0 ? exitAt : null) { SettleWindow = endOfDay.GetTimeSpan("settle-window", TimeSpan.FromSeconds(45)) },
    Calendar = calendar,
    Registry = registry,
    Http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) },
    JournalBarrier = AkkaWiring.PersistenceProfile(options) == "persistence-postgresql.conf"
        ? new PostgresJournalBarrier(options.JournalConnection, startupLogs.CreateLogger<PostgresJournalBarrier>()).WaitAsync
        : null,
};

builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Parse(options.AdminHost), options.AdminPort));
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(platform);
builder.Services.AddSingleton(keys);
builder.Services.AddSingleton(centre);
builder.Services.AddSingleton(registry);
builder.Services.AddSingleton(terminalServices);
builder.Services.AddSingleton(cardActivity);
builder.Services.AddSingleton(endOfDayServices);
builder.Services.AddSingleton(new StoreAndForwardServices { Security = keys.Security, PanDataKey = keys.PanDataKey, Registry = registry });
builder.Services.AddSingleton<CentreLinkHealth>();
builder.Services.AddSingleton<Readiness>();
builder.Services.AddSingleton<PosMetrics>();
builder.Services.AddSingleton(platform.Pos());
builder.Services.AddActorSwitchAkka(platform);
builder.Services.AddHostedService<PosListener>();

builder.Services.AddActorSwitchObservability(platform);

var app = builder.Build();
app.MapHealthAndMetrics(); // /health (liveness), /health/ready (each check), /metrics (Prometheus): no token
var api = app.MapGroup("/api")
    .AddEndpointFilter(new BearerTokenFilter(Encoding.UTF8.GetBytes(adminToken),
        app.Services.GetRequiredService<ILogger<BearerTokenFilter>>()));
api.MapRegistryEndpoints();
api.MapTerminalKeyEndpoints();
api.MapEndOfDayEndpoints();
api.MapTransactionQueryEndpoints();
api.MapOperationsEndpoints();

app.Logger.LogInformation("ActorSwitch node: operator API on {Host}:{Port}, POS port {PosPort}, data in {DataDir}, journal {Journal}, centre {Centre}{Dev}",
    options.AdminHost, options.AdminPort, options.PosPort, Path.GetFullPath(options.DataDir), options.Journal,
    $"{centre.Host}:{centre.Port}", options.Dev ? " (development mode)" : "");
await app.RunAsync();

static CentreEndpoint ParseEndpoint(string address)
{
    var colon = address.LastIndexOf(':');
    if (colon <= 0 || !int.TryParse(address[(colon + 1)..], out var port))
        throw new InvalidOperationException($"--central must be host:port, not '{address}'.");
    return new CentreEndpoint(address[..colon], port);
}
