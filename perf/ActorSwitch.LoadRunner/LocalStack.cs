using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorSwitch.LoadRunner;

/// <summary>A process this run started (node, centre simulator, echo server): its output tail, its pid; killed with its children on dispose.</summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();

    private ServiceProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Tail => string.Join('\n', _tail);

    public static ServiceProcess StartDll(string name, string dll, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_NOLOGO"] = "1";
        if (environment is not null)
            foreach (var (k, v) in environment) info.Environment[k] = v;
        return new ServiceProcess(name, Process.Start(info) ?? throw new InvalidOperationException("could not start " + dll));
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _tail.Enqueue(line);
        while (_tail.Count > 300) _tail.TryDequeue(out _);
    }

    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_tail.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited during start-up:\n{Tail}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} did not print '{text}' within {timeout}:\n{Tail}");
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}

/// <summary>Where the repository's build output is (the same configuration as this runner's), and free ports.</summary>
public static class BuildLayout
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";

    public static string ProjectDll(string project)
    {
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", Configuration, "net10.0", project + ".dll");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{project} is not built in {Configuration}: dotnet build src/{project} -c {Configuration}.", path);
        return path;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorSwitch.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}

/// <summary>The centre simulator and a node started from build output on free loopback ports, each its own process.</summary>
public sealed class LocalStack : IAsyncDisposable
{
    private readonly List<ServiceProcess> _processes = [];

    public string DataDir { get; private init; } = "";
    public bool KeepData { get; private init; }
    public ServiceProcess? Centre { get; private set; }
    public ServiceProcess Node { get; private set; } = null!;
    public int PosPort { get; private set; }
    public int AdminPort { get; private set; }
    public int CentreAdminPort { get; private set; }

    public static async Task<LocalStack> StartAsync(RunOptions options, Action<string> log)
    {
        var dataDir = options.DataDir ?? Directory.CreateTempSubdirectory("actorswitch-loadrun-").FullName;
        Directory.CreateDirectory(dataDir);
        var stack = new LocalStack { DataDir = dataDir, KeepData = options.KeepData || options.DataDir is not null };
        // With --profile, JIT-compiled code gets a perf map (/tmp/perf-PID.map) so that perf names managed frames.
        Dictionary<string, string>? env = options.ProfileSeconds > 0 ? new() { ["DOTNET_PerfMapEnabled"] = "1", ["DOTNET_EnableWriteXorExecute"] = "0" } : null;
        try
        {
            var centreAddress = options.Central;
            if (centreAddress is null)
            {
                var port = BuildLayout.FreePort();
                stack.CentreAdminPort = BuildLayout.FreePort();
                var centreDir = Path.Combine(dataDir, "central");
                Directory.CreateDirectory(centreDir);
                log($"starting the centre simulator (port {port}, control API {stack.CentreAdminPort}, data {centreDir})");
                stack.Centre = ServiceProcess.StartDll("centre", BuildLayout.ProjectDll("ActorSwitch.Central"),
                    ["--dev", "--port", port.ToString(), "--admin-port", stack.CentreAdminPort.ToString(), "--data-dir", centreDir], centreDir, env);
                stack._processes.Add(stack.Centre);
                await stack.Centre.WaitForLineAsync("Central simulator listening on", TimeSpan.FromSeconds(90)).ConfigureAwait(false);
                centreAddress = $"127.0.0.1:{port}";
            }

            stack.PosPort = BuildLayout.FreePort();
            stack.AdminPort = BuildLayout.FreePort();
            var nodeDir = Path.Combine(dataDir, "node");
            Directory.CreateDirectory(nodeDir);
            if (options.JournalWal) JournalFiles.CreateWal(nodeDir, log);
            List<string> args = ["--dev", "--admin-port", stack.AdminPort.ToString(), "--pos-port", stack.PosPort.ToString(),
                "--data-dir", nodeDir, "--central", centreAddress];
            if (options.NodeConfig is not null) args.AddRange(["--config", options.NodeConfig]);
            args.AddRange(options.NodeArgs);
            log($"starting the node (POS port {stack.PosPort}, operator API {stack.AdminPort}, data {nodeDir}, centre {centreAddress})");
            stack.Node = ServiceProcess.StartDll("node", BuildLayout.ProjectDll("ActorSwitch.Node"), args, nodeDir, env);
            stack._processes.Add(stack.Node);
            await WaitUntilReadyAsync(stack, TimeSpan.FromSeconds(120)).ConfigureAwait(false);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task WaitUntilReadyAsync(LocalStack stack, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{stack.AdminPort}"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (stack.Node.HasExited) throw new InvalidOperationException("The node exited during start-up:\n" + stack.Node.Tail);
            try
            {
                using var response = await http.GetAsync("/health/ready").ConfigureAwait(false);
                if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync().ConfigureAwait(false)).Contains("\"posListening\":true"))
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200).ConfigureAwait(false);
        }
        throw new TimeoutException($"The node was not ready within {timeout}:\n" + stack.Node.Tail);
    }

    public ValueTask DisposeAsync()
    {
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            var pid = _processes[i].Pid;
            _processes[i].Dispose();
            try
            {
                File.Delete($"/tmp/perf-{pid}.map"); // written with --profile
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        if (!KeepData)
        {
            try
            {
                if (Directory.Exists(DataDir)) Directory.Delete(DataDir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The journal-mode experiment: SQLite keeps WAL mode in the file, so creating the node's journal.db and
/// snapshots.db in WAL mode before the node first opens them makes the stock plugin run on WAL (one fsync of
/// the log per commit instead of the rollback journal's create/write/sync/delete) without a code change.
/// synchronous stays at its default FULL: a commit is on disk before the journal acknowledges it.
/// </summary>
public static class JournalFiles
{
    public static void CreateWal(string nodeDir, Action<string> log)
    {
        foreach (var file in new[] { "journal.db", "snapshots.db" })
        {
            var path = Path.Combine(nodeDir, file);
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = command.ExecuteScalar();
            log($"{file}: journal_mode={mode} (experiment --journal-wal)");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
