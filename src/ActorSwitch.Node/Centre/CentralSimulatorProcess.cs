using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorSwitch.Node.Hosting;

namespace ActorSwitch.Node.Centre;

/// <summary>
/// In the one-command start (no <c>--central</c>), the node runs the central-platform simulator as a
/// child process from its build output, linked over real TCP exactly as a remote centre would be,
/// with its ledger under the node's data directory. Development mode only.
/// </summary>
public sealed class CentralSimulatorProcess : IDisposable
{
    private readonly Process _process;

    private CentralSimulatorProcess(Process process, int port, int adminPort)
    {
        _process = process;
        Port = port;
        AdminPort = adminPort;
    }

    public int Port { get; }

    /// <summary>The simulator's control port, which also serves the end-of-day file gateway.</summary>
    public int AdminPort { get; }

    public static CentralSimulatorProcess Start(NodeOptions options, ILogger log)
    {
        if (!options.Dev)
            throw new InvalidOperationException("No --central address: outside --dev the node does not start a simulator.");
        var dll = FindSimulator();
        var port = FreePort();
        var adminPort = FreePort();
        while (adminPort == port) adminPort = FreePort(); // the OS may hand a just-released port out again
        var dataDir = Path.Combine(Path.GetFullPath(options.DataDir), "central");
        Directory.CreateDirectory(dataDir);

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--port", port.ToString(), "--admin-port", adminPort.ToString(), "--data-dir", dataDir, "--dev",
                     "--parent-pid", Environment.ProcessId.ToString() })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the central simulator.");

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            log.LogInformation("centre: {Line}", e.Data);
            if (e.Data.Contains("Central simulator listening on", StringComparison.Ordinal)) listening.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.LogWarning("centre: {Line}", e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (!listening.Task.Wait(TimeSpan.FromSeconds(60)) || process.HasExited)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The central simulator did not start listening.");
        }
        log.LogInformation("Central simulator started (pid {Pid}) on 127.0.0.1:{Port}, ledger in {Dir}", process.Id, port, dataDir);
        return new CentralSimulatorProcess(process, port, adminPort);
    }

    /// <summary>The simulator's build output: next to this node's in the repository, in the same configuration.</summary>
    private static string FindSimulator()
    {
        var baseDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var framework = Path.GetFileName(baseDir);
        var configuration = Path.GetFileName(Path.GetDirectoryName(baseDir)!);
        var src = Path.GetFullPath(Path.Combine(baseDir, "..", "..", "..", ".."));
        string[] candidates =
        [
            Path.Combine(baseDir, "central", "ActorSwitch.Central.dll"),
            Path.Combine(src, "ActorSwitch.Central", "bin", configuration, framework, "ActorSwitch.Central.dll"),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("The central simulator is not built; build the solution first.", candidates[^1]);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
