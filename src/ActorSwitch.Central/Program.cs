using System.Net;
using Microsoft.AspNetCore.Connections;
using ActorSwitch.Central.Clearing;
using ActorSwitch.Central.Control;
using ActorSwitch.Central.Faults;
using ActorSwitch.Central.Hosting;
using ActorSwitch.Central.Ledger;
using ActorSwitch.Central.Network;
using ActorSwitch.Central.Security;

// ActorSwitch.Central: the central-platform simulator (docs/interfaces/central.md, README.md beside this file).
if (args.Contains("--help"))
{
    Console.WriteLine(CentralOptions.Usage);
    return 0;
}
CentralOptions options;
TimeZoneInfo zone;
try
{
    options = CentralOptions.Parse(args);
    zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
}
catch (Exception error) when (error is ArgumentException or FormatException or TimeZoneNotFoundException)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(CentralOptions.Usage);
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = "HH:mm:ss.fff ";
});
builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

// The ledger is loaded (and, in development, the cards issued) before anything listens.
using var store = new LedgerStore(options.DataDir, options.Synchronous);
store.EnsureSystemAccounts();
var keys = CentreKeys.Open(options.Dev, store, Environment.GetEnvironmentVariable);
var issued = options.Dev ? DevelopmentCards.IssueIfEmpty(store, keys) : 0;
var clock = new SettlementClock(zone, options.CutOff, TimeProvider.System);
var ledger = new LedgerEngine(store.Load(), clock, options.MaxAmountFen);

builder.Services.AddSingleton(options);
builder.Services.AddSingleton(store);
builder.Services.AddSingleton(keys);
builder.Services.AddSingleton(clock);
builder.Services.AddSingleton(ledger);
builder.Services.AddSingleton<GroupCommitWriter>();
builder.Services.AddSingleton(new ZoneKeyRing(keys, TimeProvider.System, options.KeyGrace));
builder.Services.AddSingleton<FaultInjector>();
builder.Services.AddSingleton<ConnectionRegistry>();
builder.Services.AddSingleton<NetworkManagementHandler>();
builder.Services.AddSingleton<FinancialHandler>();
builder.Services.AddSingleton<MessageRouter>();
builder.Services.AddSingleton(new ClearingFile(store, options.DataDir));
builder.Services.AddSingleton<LedgerQueries>();
builder.Services.AddSingleton(sp => new EndOfDayGateway(sp.GetRequiredService<ClearingFile>(), sp.GetRequiredService<FaultInjector>(), options.DataDir));
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Parse(options.Host), options.Port, listen => listen.UseConnectionHandler<CentralConnectionHandler>());
    kestrel.Listen(IPAddress.Loopback, options.AdminPort);
});

var app = builder.Build();
var writer = app.Services.GetRequiredService<GroupCommitWriter>();
writer.Failed += _ => app.Lifetime.StopApplication();
writer.Start();
app.MapControlEndpoints();
app.MapEndOfDayEndpoints();

await app.StartAsync();
app.Logger.LogInformation("Ledger {Path}: {Cards} cards ({Issued} issued now), {Transactions} transactions, synchronous={Synchronous}; ZMK KCV {Kcv}",
    store.Path, ledger.CardCount, issued, ledger.TransactionCount, options.Synchronous, keys.ZoneMasterKeyCheckValue);
// The line a parent process waits for.
Console.WriteLine($"Central simulator listening on {options.Host}:{options.Port} (control API on 127.0.0.1:{options.AdminPort}){(options.Dev ? " [development mode]" : "")}");
if (options.ParentPid is { } parentPid) _ = ParentWatch.StopWhenGoneAsync(parentPid, app.Lifetime, app.Logger);
await app.WaitForShutdownAsync();
writer.Dispose();
return writer.Failure is null ? 0 : 1;
