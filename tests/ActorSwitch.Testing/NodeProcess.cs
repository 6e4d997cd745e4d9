using System.Net.Http.Headers;

namespace ActorSwitch.Testing;

/// <summary>
/// An ActorSwitch node as a real process from build output, in development mode, on free loopback
/// ports, with its own data directory (kept across <see cref="Restart"/> so that a test can prove
/// what survives a crash).
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    public const string DevToken = "dev-admin-token";

    private ChildProcess? _process;
    private readonly string[] _extraArgs;

    private NodeProcess(string dataDir, string[] extraArgs)
    {
        DataDir = dataDir;
        _extraArgs = extraArgs;
        AdminPort = FreePort.Next();
        PosPort = FreePort.Next();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{AdminPort}"), Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevToken);
    }

    public string DataDir { get; }
    public int AdminPort { get; }
    public int PosPort { get; }

    /// <summary>An HTTP client for the operator API, with the development bearer token.</summary>
    public HttpClient Http { get; }

    public string Output => _process?.Output ?? "";

    /// <summary>Starts a node in development mode; <paramref name="extraArgs"/> such as <c>--central</c> or <c>--config</c>.</summary>
    public static async Task<NodeProcess> StartAsync(params string[] extraArgs)
    {
        var node = new NodeProcess(Directory.CreateTempSubdirectory("actorswitch-node-").FullName, extraArgs);
        await node.StartProcessAsync();
        return node;
    }

    /// <summary>Kills the process with SIGKILL (a crash) and starts it again on the same data.</summary>
    public async Task RestartAfterKillAsync()
    {
        _process?.Kill();
        _process?.Dispose();
        await StartProcessAsync();
    }

    public void Kill() => _process?.Kill();

    /// <summary>SIGTERM: the node leaves the cluster (handing its shards over) and exits.</summary>
    public bool StopGracefully(TimeSpan timeout) => _process?.Stop(timeout) ?? true;

    public bool HasExited => _process?.HasExited ?? true;

    private async Task StartProcessAsync()
    {
        _process = ChildProcess.StartDll(BuildOutput.ProjectDll("ActorSwitch.Node"),
            ["--dev", "--admin-port", AdminPort.ToString(), "--pos-port", PosPort.ToString(), "--data-dir", DataDir, .. _extraArgs],
            DataDir);
        await WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException("The node exited during start-up:\n" + Diagnostics());
            try
            {
                // Ready (journal recovered, centre link up) and the POS port open.
                using var response = await Http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("\"posListening\":true")) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The node was not ready within {timeout}:\n" + Diagnostics());
    }

    /// <summary>
    /// The whole output, then its warnings and errors again at the end (a CI log shows only the tail).
    /// </summary>
    public string Diagnostics()
    {
        var lines = Output.Split('\n');
        var notable = lines.Where(l => l.Contains("WARN", StringComparison.OrdinalIgnoreCase) || l.Contains("ERROR", StringComparison.OrdinalIgnoreCase)
            || l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal)).Take(40);
        return Output + "\n--- warnings and errors of that output ---\n" + string.Join('\n', notable);
    }

    public async ValueTask DisposeAsync()
    {
        _process?.Dispose();
        Http.Dispose();
        await Task.Yield();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
