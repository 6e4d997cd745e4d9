using System.Diagnostics;
using System.Text.Json;

namespace ActorSwitch.Testing;

/// <summary>
/// Runs the built <c>switchctl</c> (src/ActorSwitch.Ctl, from build output in this test assembly's
/// configuration) as an operator would, and captures what it printed and its exit code. The
/// environment's SWITCHCTL_NODE and SWITCHCTL_TOKEN are cleared unless a test sets them.
/// </summary>
public static class SwitchCtlProcess
{
    public static string Dll
    {
        get
        {
            var path = Path.Combine(BuildOutput.RepositoryRoot, "src", "ActorSwitch.Ctl", "bin", BuildOutput.Configuration, "net10.0", "switchctl.dll");
            if (!File.Exists(path))
                throw new FileNotFoundException($"switchctl is not built in {BuildOutput.Configuration}: run the README's test command (./test.sh).", path);
            return path;
        }
    }

    public static async Task<SwitchCtlResult> RunAsync(IEnumerable<string> args, IDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("SWITCHCTL_NODE");
        info.Environment.Remove("SWITCHCTL_TOKEN");
        if (environment is not null)
            foreach (var (k, v) in environment) info.Environment[k] = v;

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start switchctl");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"switchctl {string.Join(' ', args)} did not finish in time:\n{await stdout}\n{await stderr}");
        }
        return new SwitchCtlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>switchctl against a node with the development token: <c>--node http://127.0.0.1:port --token dev-admin-token</c>.</summary>
    public static Task<SwitchCtlResult> RunAsync(NodeProcess node, params string[] args) =>
        RunAsync(["--node", $"http://127.0.0.1:{node.AdminPort}", "--token", NodeProcess.DevToken, .. args]);
}

/// <summary>What one switchctl run printed, and how it ended.</summary>
public sealed record SwitchCtlResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
