using System.Net;
using System.Text.Json;
using ActorSwitch.Testing;
using Xunit.Abstractions;
using static ActorSwitch.Node.Tests.EndOfDay.EndOfDayKit;

namespace ActorSwitch.Node.Tests.EndOfDay;

/// <summary>
/// One day of traffic, then its journal copied once per end-of-day step: each copy runs end of day on
/// a node that kills itself (the test-only hook, a real process kill) right after that step's
/// checkpoint, is restarted, and must end with the same reports as the uninterrupted run. The same
/// day against a centre whose clearing file disagrees ends with the differences listed.
/// </summary>
public sealed class EndOfDayCrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunPatience = TimeSpan.FromSeconds(120);

    /// <summary>Every step, killed right after its checkpoint; and the steps that do work, killed once it is done but before their checkpoint.</summary>
    private static readonly string[] Steps =
    [
        "cut-off", "drain", "collect", "upload", "fetch-clearing", "reconcile", "report", "close",
        "drain:before-checkpoint", "collect:before-checkpoint", "upload:before-checkpoint", "fetch-clearing:before-checkpoint",
        "reconcile:before-checkpoint", "report:before-checkpoint",
    ];

    [Fact]
    public async Task Killed_at_every_step_end_of_day_resumes_to_the_same_reports_and_a_disagreeing_centre_is_listed()
    {
        await using var central = await CentralProcess.StartAsync();
        var config = await ConfigAsync(central);
        string date;
        var day = Directory.CreateTempSubdirectory("actorswitch-eod-day-").FullName;
        await using (var node = await NodeProcess.StartAsync("--central", central.Address, "--config", config, "--data-dir", day))
        {
            await GenerateAsync(node, Random.Shared.Next(), output, merchants: 2, terminalsPerMerchant: 2, operationsPerTerminal: 6);
            date = await CurrentDateAsync(node);
            await Task.Delay(2_000); // reversals on their way through store and forward (the drain step waits for them anyway)
            node.Kill();
        }

        // The uninterrupted run.
        var baseline = await RunOnCopyAsync(central, day, date, exitAt: null, config);
        output.WriteLine($"baseline: {string.Join(", ", baseline.Keys.Order())}");
        Assert.Equal(6, baseline.Count);

        foreach (var step in Steps)
        {
            var reports = await RunOnCopyAsync(central, day, date, step, config);
            Assert.Equal(baseline.Keys.Order(), reports.Keys.Order());
            foreach (var (name, content) in baseline) Assert.True(content == reports[name], $"killed after {step}: {name} differs");
            output.WriteLine($"killed after {step}: same reports");
        }

        // The centre's file disagrees: one row missing, one amount off by a fen.
        await central.SendJsonAsync(HttpMethod.Put, "/faults/clearing", new { dropRows = 1, alterRows = 1 });
        var disagreed = await RunOnCopyAsync(central, day, date, exitAt: null, config);
        var summary = JsonDocument.Parse(disagreed["reconciliation.json"]).RootElement.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("onlyOurs").GetInt32());
        Assert.Equal(1, summary.GetProperty("amountMismatch").GetInt32());
        Assert.Equal(0, summary.GetProperty("onlyCentre").GetInt32());
        var lines = disagreed["reconciliation.csv"].Split('\n');
        Assert.Single(lines, l => l.Contains(",only-ours,"));
        var mismatch = Assert.Single(lines, l => l.Contains(",amount-mismatch,")).Split(',');
        Assert.Equal(long.Parse(mismatch[4]) + 1, long.Parse(mismatch[5]));
        Assert.Equal(2, JsonDocument.Parse(disagreed["reconciliation.json"]).RootElement.GetProperty("differences").GetArrayLength());
        // Clearing is the switch's own figures either way.
        Assert.Equal(baseline["clearing.csv"], disagreed["clearing.csv"]);
        Directory.Delete(day, recursive: true);
    }

    private async Task<Dictionary<string, string>> RunOnCopyAsync(CentralProcess central, string day, string date, string? exitAt, string config)
    {
        var copy = Directory.CreateTempSubdirectory("actorswitch-eod-copy-").FullName;
        foreach (var file in Directory.GetFiles(day)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var args = new List<string> { "--central", central.Address, "--config", config, "--data-dir", copy };
        if (exitAt is not null)
        {
            var hooked = Path.Combine(copy, "hook.conf");
            await File.WriteAllTextAsync(hooked, File.ReadAllText(config) + $"\nactorswitch.end-of-day.test-exit-at = \"{exitAt}\"\n");
            args[3] = hooked;
        }
        await using var node = await NodeProcess.StartAsync(args.ToArray());
        try
        {
            var (status, _) = await RunAsync(node, date);
            Assert.Equal(HttpStatusCode.Accepted, status);
        }
        catch (HttpRequestException) when (exitAt == "cut-off")
        {
            // Killed right after the marker, before the answer left.
        }
        if (exitAt is not null)
        {
            await WaitForExitAsync(node, exitAt);
            await node.RestartAfterKillAsync();
        }
        await WaitForStateAsync(node, date, "closed", RunPatience);
        var reports = Reports(copy, date);
        node.Kill();
        try { Directory.Delete(copy, recursive: true); } catch (IOException) { }
        return reports;
    }

    [Fact]
    public async Task The_exit_hook_is_refused_outside_development_mode()
    {
        var dataDir = Directory.CreateTempSubdirectory("actorswitch-eod-hook-").FullName;
        using var process = ChildProcess.StartDll(BuildOutput.ProjectDll("ActorSwitch.Node"),
            ["--admin-token", "a-production-token-for-this-test", "--data-dir", dataDir, "--central", "127.0.0.1:9",
             "--admin-port", FreePort.Next().ToString(), "--pos-port", FreePort.Next().ToString()],
            dataDir, new Dictionary<string, string> { ["ACTORSWITCH_EOD_EXIT_AT"] = "collect" });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(process.HasExited, "the node started with the exit hook outside --dev");
        await Task.Delay(200); // the last lines of output
        Assert.Contains("refused outside --dev", process.Output);
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
    }

    /// <summary>The hook kills the process: the operator API stops answering.</summary>
    private static async Task WaitForExitAsync(NodeProcess node, string step)
    {
        var deadline = DateTime.UtcNow + RunPatience;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await node.Http.GetAsync("/health");
            }
            catch (HttpRequestException)
            {

                return;
            }
            await Task.Delay(200);
        }
        Assert.Fail($"the node did not exit after step {step}");
    }
}
