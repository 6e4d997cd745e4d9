using System.Net.Http.Json;
using System.Text.Json;

namespace ActorSwitch.Testing;

/// <summary>
/// The simulator as a real process from build output (configuration of this test assembly), in
/// development mode, on free loopback ports, with its own data directory kept across
/// <see cref="RestartAfterKillAsync"/> so that a test can prove what survives a crash. Its control API
/// (fault injection, ledger queries) is <see cref="Http"/>.
/// </summary>
public sealed class CentralProcess : IAsyncDisposable
{
    public const string ListeningLine = "Central simulator listening on";
    private ChildProcess? _process;
    private readonly string[] _extraArgs;

    private CentralProcess(string dataDir, string[] extraArgs)
    {
        DataDir = dataDir;
        _extraArgs = extraArgs;
        Port = FreePort.Next();
        AdminPort = FreePort.Next();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{AdminPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string DataDir { get; }
    public int Port { get; }
    public int AdminPort { get; }
    public HttpClient Http { get; }
    public string Output => _process?.Output ?? "";
    public bool HasExited => _process?.HasExited ?? true;

    public static async Task<CentralProcess> StartAsync(params string[] extraArgs)
    {
        var central = new CentralProcess(Directory.CreateTempSubdirectory("actorswitch-central-").FullName, extraArgs);
        await central.StartProcessAsync();
        return central;
    }

    /// <summary>SIGKILL (a crash: nothing flushed, nothing cleaned up), then start again on the same data.</summary>
    public async Task RestartAfterKillAsync()
    {
        _process?.Kill();
        _process?.Dispose();
        await StartProcessAsync();
    }

    public void Kill() => _process?.Kill();

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public async Task<JsonElement> SendJsonAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>A transaction as the control API reports it from the committed ledger.</summary>
    public Task<JsonElement> TransactionAsync(string rrn, string acquirer = "48020000") =>
        GetJsonAsync($"/transactions/{rrn}?acquirer={acquirer}");

    /// <summary>The address a node's <c>--central</c> flag takes.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public async Task<long> AvailableFenAsync(int serial) => (await GetJsonAsync($"/cards/{serial}")).GetProperty("availableFen").GetInt64();

    private async Task StartProcessAsync()
    {
        _process = ChildProcess.StartDll(BuildOutput.ProjectDll("ActorSwitch.Central"),
            ["--dev", "--port", Port.ToString(), "--admin-port", AdminPort.ToString(), "--data-dir", DataDir, .. _extraArgs],
            DataDir);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!_process.Output.Contains(ListeningLine))
        {
            if (_process.HasExited) throw new InvalidOperationException("The simulator exited during start-up:\n" + Output);
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The simulator did not listen within 60 s:\n" + Output);
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process?.Dispose();
        Http.Dispose();
        await Task.Yield();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
