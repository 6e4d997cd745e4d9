using System.Diagnostics;

namespace ActorSwitch.Testing;

/// <summary>
/// A real PostgreSQL server for the cluster tests: the system's <c>initdb</c> and <c>pg_ctl</c> in a
/// temporary directory, listening on loopback only, one per test process (started on first use,
/// stopped when the process exits), one database per test. Runs as the <c>postgres</c> user when the
/// tests run as root, because PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    private readonly string _bin;
    private readonly string _dataDir;

    private PostgresServer(string bin, string dataDir, int port)
    {
        _bin = bin;
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The process's server, started on first use.</summary>
    public static PostgresServer Instance => Shared.Value;

    /// <summary>A new, empty database on the shared server; its Npgsql connection string.</summary>
    public string CreateDatabase(string prefix = "actorswitch")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        Run("createdb", ["-h", "127.0.0.1", "-p", Port.ToString(), "-U", "postgres", name]);
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Maximum Pool Size=30";
    }

    private static PostgresServer Start()
    {
        var bin = FindBinDirectory();
        var root = Directory.CreateTempSubdirectory("actorswitch-pg-").FullName;
        var data = Path.Combine(root, "data");
        var port = FreePort.Next();
        if (RunningAsRoot) Chown(root);
        var server = new PostgresServer(bin, data, port);
        server.Run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-instructions"]);
        // Normal commit durability (fsync on): the cluster tests measure nothing, but they must not
        // pass on a setting production would never use.
        server.Run("pg_ctl", ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -c listen_addresses=127.0.0.1 -k {root} -c max_connections=300", "start"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private void Stop()
    {
        try { Run("pg_ctl", ["-D", _dataDir, "-m", "immediate", "-w", "stop"]); } catch (InvalidOperationException) { }
        try { Directory.Delete(Path.GetDirectoryName(_dataDir)!, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void Run(string tool, string[] args)
    {
        var path = Path.Combine(_bin, tool);
        var info = RunningAsRoot
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", path } }
            : new ProcessStartInfo(path);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) { process.Kill(); throw new InvalidOperationException($"{tool} did not finish in 2 minutes"); }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static void Chown(string directory)
    {
        using var chown = Process.Start("chown", ["-R", "postgres:postgres", directory]);
        chown.WaitForExit();
        if (chown.ExitCode != 0) throw new InvalidOperationException("chown to postgres failed: is the PostgreSQL package installed?");
    }

    /// <summary>
    /// Where initdb and pg_ctl are: ACTORSWITCH_PG_BIN, the PATH, or Debian's /usr/lib/postgresql/N/bin
    /// (the package does not put them on the PATH).
    /// </summary>
    private static string FindBinDirectory()
    {
        if (Environment.GetEnvironmentVariable("ACTORSWITCH_PG_BIN") is { Length: > 0 } configured) return configured;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "createdb")))
                return dir;
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return debian ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no initdb on the PATH or under /usr/lib/postgresql): .ci/run installs the postgresql package.");
    }
}
