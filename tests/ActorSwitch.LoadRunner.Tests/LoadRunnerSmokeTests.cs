using System.Diagnostics;
using System.Text.Json;
using ActorSwitch.Testing;
using Xunit.Abstractions;

namespace ActorSwitch.LoadRunner.Tests;

/// <summary>
/// The load runner as CI runs it: a real process from build output that starts the centre simulator and a
/// node itself, registers 20 terminals through the operator API, fetches their TMKs, signs them on and
/// sends the purchase mix open loop at 200/s for a few seconds, with the raw echo baseline first. Asserts
/// no errors, every answer approved and every report file written; not speed.
/// </summary>
public sealed class LoadRunnerSmokeTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("actorswitch-loadrun-smoke-").FullName;

    [Fact]
    public async Task A_short_open_loop_run_against_a_node_it_starts_has_no_errors_and_writes_every_report()
    {
        var (exitCode, log) = await RunAsync(
            "purchase", "--terminals", "20", "--rate", "200", "--duration", "5", "--warmup", "1",
            "--mix", "purchase=85,balance=5,void=5,reversal=5", "--baseline", "raw", "--baseline-duration", "2",
            "--timeout", "20", "--out", _out, "--quiet", "--fail-on-error");
        output.WriteLine(log);
        Assert.Equal(0, exitCode);

        foreach (var file in new[] { "report.txt", "report.json", "summary.csv", "timeline.csv", "distribution.csv", "report.html" })
            Assert.True(new FileInfo(Path.Combine(_out, file)).Length > 0, file + " is missing or empty");
        Assert.Contains("<img", File.ReadAllText(Path.Combine(_out, "report.html")));

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "report.json")));
        var phases = report.RootElement.GetProperty("phases").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        foreach (var (name, phase) in phases)
        {
            Assert.True(phase.GetProperty("errors").GetInt64() == 0, $"{name}: {phase.GetProperty("errorKinds")}");
            Assert.True(phase.GetProperty("declined").GetInt64() == 0, $"{name}: {phase.GetProperty("codes")}");
        }
        Assert.Equal(20, phases["sign-on storm"].GetProperty("ok").GetInt64());
        Assert.Equal(20, phases["fetch-tmk"].GetProperty("ok").GetInt64());
        Assert.True(phases["baseline raw-echo"].GetProperty("ok").GetInt64() > 0);

        var mix = phases["purchase mix"];
        Assert.True(mix.GetProperty("ok").GetInt64() > 100, mix.GetProperty("codes").ToString());
        Assert.Equal(mix.GetProperty("completed").GetInt64(), mix.GetProperty("ok").GetInt64());
        Assert.True(mix.GetProperty("codes").TryGetProperty("purchase 00", out _));
        Assert.True(mix.GetProperty("timeline").GetArrayLength() >= 4);
    }

    private static async Task<(int ExitCode, string Log)> RunAsync(params string[] args)
    {
        var dll = Path.Combine(BuildOutput.RepositoryRoot, "perf", "ActorSwitch.LoadRunner", "bin", BuildOutput.Configuration, "net10.0",
            "ActorSwitch.LoadRunner.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The load runner did not finish within 150 s:\n" + await stdout + await stderr);
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        try { Directory.Delete(_out, recursive: true); } catch (IOException) { }
    }
}
