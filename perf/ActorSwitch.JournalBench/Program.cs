using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Persistence.Sql;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Data.Sqlite;
using ActorSwitch.JournalBench;

// Usage: ActorSwitch.JournalBench stock|group [--actors 500] [--warmup 10] [--duration 25] [--payload 300]
//        [--dir /tmp/journalbench] [--max-events-per-commit 10000] [--query-buffer N] [--perf]
// --perf: count the process's fsync/fdatasync system calls in the measured window with `perf stat`.

var mode = args.Length > 0 ? args[0] : "stock";
if (mode is not ("stock" or "group")) { Console.Error.WriteLine("mode: stock | group"); return 2; }
int actors = IntArg("--actors", 500), warmup = IntArg("--warmup", 10), duration = IntArg("--duration", 25);
int payloadSize = IntArg("--payload", 300), maxPerCommit = IntArg("--max-events-per-commit", 10_000);
var usePerf = args.Contains("--perf");
// Page size of the read journal for the read-back only (the node keeps Akka.Persistence.Sql's default);
// 0 = the default. Does not touch the write path that is measured.
var queryBuffer = IntArg("--query-buffer", 0);
var baseDir = StrArg("--dir", "/tmp/journalbench");

var dir = Path.Combine(baseDir, $"{mode}-{actors}");
if (Directory.Exists(dir)) Directory.Delete(dir, true);
Directory.CreateDirectory(dir);
var journalFile = Path.Combine(dir, "journal.db");
var snapshotFile = Path.Combine(dir, "snapshots.db");
EnsureWriteAheadLog(journalFile, snapshotFile);

// The node's persistence profile, read from the repository, with the node's connection strings
// (AkkaWiring.PersistenceConnections).
var profile = File.ReadAllText(Path.Combine(FindRepoRoot(), "hocon", "persistence-sqlite.conf"));
var journalCs = $"Data Source={journalFile};Pooling=True;Default Timeout=30";
var snapshotCs = $"Data Source={snapshotFile};Pooling=True;Default Timeout=30";
var hocon = $$"""
    akka.loglevel = WARNING
    akka.stdout-loglevel = WARNING
    actorswitch.journal-connection = "{{journalCs}}"
    actorswitch.snapshot-connection = "{{snapshotCs}}"
    {{profile}}
    actorswitch-bench.group-commit-journal {
      class = "ActorSwitch.JournalBench.GroupCommitJournal, ActorSwitch.JournalBench"
      plugin-dispatcher = "akka.actor.default-dispatcher"
      connection-string = "{{journalCs}}"
      max-events-per-commit = {{maxPerCommit}}
    }
    """;
if (queryBuffer > 0) hocon += $"\nakka.persistence.query.journal.sql.max-buffer-size = {queryBuffer}\n";
var config = ConfigurationFactory.ParseString(hocon).WithFallback(SqlPersistence.DefaultConfiguration);
var pluginId = mode == "stock" ? "akka.persistence.journal.sql" : "actorswitch-bench.group-commit-journal";

Console.WriteLine($"journalbench {mode}: {actors} actors, payload {payloadSize} B tagged \"txn\", warm-up {warmup} s, " +
                  $"measured {duration} s, journal {pluginId}, file {journalFile}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cpus, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
Console.WriteLine($"sqlite: journal_mode={Pragma(journalCs, "journal_mode")}, synchronous of a default connection={Pragma(journalCs, "synchronous")} (2 = FULL)");

using var system = ActorSystem.Create("journalbench", config);
var materializer = system.Materializer();

// The stock plugin creates its tables (auto-initialize), so both modes write into the schema it makes.
var init = system.ActorOf(Props.Create(() => new SchemaInit()), "schema-init");
await init.Ask<string>("init", TimeSpan.FromSeconds(30));
Console.WriteLine("schema (created by Akka.Persistence.Sql):");
foreach (var line in Schema(journalCs)) Console.WriteLine("  " + line);

var refs = new IActorRef[actors];
for (var i = 0; i < actors; i++)
    refs[i] = system.ActorOf(Props.Create(() => new BenchActor($"bench-{i}", pluginId, payloadSize)), $"bench-{i}");
var startWait = Stopwatch.StartNew();
while (Interlocked.Read(ref Counters.Started) < actors && startWait.Elapsed < TimeSpan.FromSeconds(60))
    await Task.Delay(50);
Console.WriteLine($"{Counters.Started} actors started in {startWait.Elapsed.TotalSeconds:F1} s");

await Task.Delay(TimeSpan.FromSeconds(warmup));

var process = Process.GetCurrentProcess();
Process? perf = null;
if (usePerf)
{
    perf = Process.Start(new ProcessStartInfo("perf",
        $"stat -x , -e syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync -p {Environment.ProcessId} -- sleep {duration}")
    { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false });
}
process.Refresh();
var cpu0 = process.TotalProcessorTime; var user0 = process.UserProcessorTime;
var ev0 = Interlocked.Read(ref Counters.Persisted);
var commits0 = Interlocked.Read(ref GroupCommitJournal.Commits);
var gcEvents0 = Interlocked.Read(ref GroupCommitJournal.EventsCommitted);
var alloc0 = GC.GetTotalAllocatedBytes();
var clock = Stopwatch.StartNew();
var perSecond = new List<long>();
var last = ev0;
for (var s = 0; s < duration; s++)
{
    var target = TimeSpan.FromSeconds(s + 1);
    var wait = target - clock.Elapsed;
    if (wait > TimeSpan.Zero) await Task.Delay(wait);
    var now = Interlocked.Read(ref Counters.Persisted);
    perSecond.Add(now - last);
    last = now;
}
var elapsed = clock.Elapsed.TotalSeconds;
process.Refresh();
var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
var user = (process.UserProcessorTime - user0).TotalSeconds;
var events = Interlocked.Read(ref Counters.Persisted) - ev0;
var alloc = GC.GetTotalAllocatedBytes() - alloc0;
var commits = Interlocked.Read(ref GroupCommitJournal.Commits) - commits0;
var committedEvents = Interlocked.Read(ref GroupCommitJournal.EventsCommitted) - gcEvents0;

long fsyncs = -1;
if (perf is not null)
{
    var perfOut = await perf.StandardError.ReadToEndAsync();
    await perf.WaitForExitAsync();
    fsyncs = 0;
    foreach (var line in perfOut.Split('\n'))
    {
        var cols = line.Split(',');
        if (cols.Length > 2 && cols[2].StartsWith("syscalls:", StringComparison.Ordinal) &&
            long.TryParse(cols[0], out var n)) fsyncs += n;
    }
}

Console.WriteLine();
Console.WriteLine($"RESULT {mode} actors={actors}: {events} events in {elapsed:F1} s = {events / elapsed:F0} events/s; " +
                  $"process CPU {cpu:F2} s ({cpu / elapsed * 100:F0} % of one core; user {user:F2} s, system {cpu - user:F2} s) " +
                  $"= {cpu * 1e6 / events:F1} us per event; allocated {alloc / (double)events / 1024:F1} KB per event");
Console.WriteLine($"  per second: {string.Join(' ', perSecond)}");
if (mode == "group")
    Console.WriteLine($"  commits: {commits} = {commits / elapsed:F0}/s, {committedEvents / (double)Math.Max(1, commits):F1} events per commit " +
                      $"(largest commit over the whole run {GroupCommitJournal.LargestCommit})");
if (fsyncs >= 0)
    Console.WriteLine($"  perf stat: {fsyncs} fsync+fdatasync in the window = {fsyncs / elapsed:F0}/s, " +
                      $"{events / (double)Math.Max(1, fsyncs):F1} events per fsync");

// Stop issuing and let the last writes finish.
Counters.Running = false;
var drain = Stopwatch.StartNew();
while (Interlocked.Read(ref Counters.InFlight) > 0 && drain.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
var total = Interlocked.Read(ref Counters.Persisted);
Console.WriteLine($"  total persisted (acknowledged) over the run: {total}; persist failures/rejections: {Counters.Failures}; " +
                  $"in flight after drain: {Counters.InFlight}");

// Read back through Akka.Persistence.Sql's read journal (the node's query.journal.sql config).
var readJournal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
// The whole tag stream is too slow to read back here (its GROUP_CONCAT query pages ran at under 600 events/s on a
// 130,000-event journal), so the read journal reads the tail: every "txn" event after an offset --readback-last
// events before the end, compared with the tag rows there; the whole-table counts are by SQL.
var readbackLast = IntArg("--readback-last", 20_000);
var maxOrdering = Scalar(journalCs, "SELECT MAX(ordering_id) FROM tags WHERE tag = 'txn'");
var fromOffset = Scalar(journalCs, $"SELECT COALESCE(MIN(ordering_id), 0) FROM (SELECT ordering_id FROM tags WHERE tag = 'txn' ORDER BY ordering_id DESC LIMIT {readbackLast})") - 1;
var tailRows = Scalar(journalCs, $"SELECT COUNT(*) FROM tags WHERE tag = 'txn' AND ordering_id > {fromOffset}");
var rb = Stopwatch.StartNew();
var byTag = await readJournal.CurrentEventsByTag("txn", Offset.Sequence(fromOffset))
    .RunAggregate(0L, (n, e) => e.Event is byte[] b && b.Length == payloadSize ? n + 1 : n, materializer);
var byTagSeconds = rb.Elapsed.TotalSeconds;
var pid0 = await readJournal.CurrentEventsByPersistenceId("bench-0", 0, long.MaxValue)
    .RunAggregate(0L, (n, _) => n + 1, materializer);
Console.WriteLine($"  read journal max-buffer-size: {system.Settings.Config.GetInt("akka.persistence.query.journal.sql.max-buffer-size", -1)}");
var pid0Rows = Scalar(journalCs, "SELECT COUNT(*) FROM journal WHERE persistence_id = 'bench-0'");
var journalRows = Scalar(journalCs, "SELECT COUNT(*) FROM journal WHERE persistence_id LIKE 'bench-%'");
var tagRows = Scalar(journalCs, "SELECT COUNT(*) FROM tags WHERE tag = 'txn'");
var probe = system.ActorOf(Props.Create(() => new ReplayProbe("bench-1", pluginId)), "probe");
var (replayed, lastSeq, _) = await probe.Ask<(long, long, long)>("count", TimeSpan.FromSeconds(60));
var pid1Rows = Scalar(journalCs, "SELECT COUNT(*) FROM journal WHERE persistence_id = 'bench-1'");
var ok = byTag == tailRows && journalRows == total && tagRows == total && pid0 == pid0Rows && replayed == pid1Rows;
Console.WriteLine($"READBACK {(ok ? "OK" : "MISMATCH")}: SqlReadJournal.CurrentEventsByTag(\"txn\") = {byTag} events " +
                  $"after offset {fromOffset} (tag rows there {tailRows}, last ordering {maxOrdering}; {byTagSeconds:F1} s); " +
                  $"acknowledged = {total}, journal rows = {journalRows}, tag rows = {tagRows}; " +
                  $"CurrentEventsByPersistenceId(\"bench-0\") = {pid0} (rows {pid0Rows}); " +
                  $"recovery of bench-1 through {pluginId}: {replayed} events replayed, last sequence nr {lastSeq} (rows {pid1Rows})");

await system.Terminate();
return ok ? 0 : 1;

int IntArg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

string StrArg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string FindRepoRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "hocon", "persistence-sqlite.conf"))) return d.FullName;
    throw new InvalidOperationException("hocon/persistence-sqlite.conf not found above the application folder.");
}

// As SqliteJournalFiles.EnsureWriteAheadLog in src/ActorSwitch.Node/Hosting (copied: the bench does not reference the node).
static void EnsureWriteAheadLog(params string[] files)
{
    foreach (var file in files)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{file}: SQLite refused WAL mode (journal_mode={mode}).");
    }
}

static string Pragma(string cs, string name)
{
    using var connection = new SqliteConnection(cs);
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = $"PRAGMA {name};";
    return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
}

static long Scalar(string cs, string sql)
{
    using var connection = new SqliteConnection(cs);
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
}

static IEnumerable<string> Schema(string cs)
{
    using var connection = new SqliteConnection(cs);
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name;";
    using var rows = command.ExecuteReader();
    var list = new List<string>();
    while (rows.Read()) list.Add(rows.GetString(0).ReplaceLineEndings(" "));
    return list;
}
