using System.Diagnostics;
using System.Globalization;

namespace ActorSwitch.LoadRunner;

/// <summary>
/// <c>--profile S</c>: during the main load phase, after warm-up, records S seconds of the node (and the
/// centre) with the repository's local dotnet tools (dotnet-tools.json: dotnet-trace, dotnet-counters,
/// dotnet-stack): a sampled thread-time trace with its top methods (inclusive and exclusive), the runtime
/// counters (GC, thread pool, lock contention) as CSV, and one stack dump of every managed thread.
/// The files go next to the report. Sampling costs the traced process some CPU: compare with a run without.
/// </summary>
public static class Profiler
{
    public static async Task<List<string>> CaptureAsync(IReadOnlyDictionary<string, int> processes, string outDir, TimeSpan delay, TimeSpan duration,
        CancellationToken cancellation)
    {
        var files = new List<string>();
        try
        {
            await Task.Delay(delay, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return files;
        }
        var span = duration.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture);
        var work = new List<Task>();
        foreach (var (name, pid) in processes)
        {
            var trace = Path.Combine(outDir, $"{name}-threadtime.nettrace");
            var counters = Path.Combine(outDir, $"{name}-counters.csv");
            work.Add(Task.Run(async () =>
            {
                await Tool("dotnet-trace", ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time",
                    "--duration", span, "-o", trace], null).ConfigureAwait(false);
                if (!File.Exists(trace)) return;
                files.Add(trace);
                var exclusive = Path.Combine(outDir, $"{name}-top-exclusive.txt");
                var inclusive = Path.Combine(outDir, $"{name}-top-inclusive.txt");
                await Tool("dotnet-trace", ["report", trace, "topN", "-n", "60"], exclusive).ConfigureAwait(false);
                await Tool("dotnet-trace", ["report", trace, "topN", "-n", "60", "--inclusive"], inclusive).ConfigureAwait(false);
                files.Add(exclusive);
                files.Add(inclusive);
            }));
            work.Add(Task.Run(async () =>
            {
                await Tool("dotnet-counters", ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--format", "csv", "-o", counters,
                    "--duration", span, "--counters", "System.Runtime"], null).ConfigureAwait(false);
                if (File.Exists(counters)) files.Add(counters);
            }));
            if (File.Exists("/usr/bin/perf"))
            {
                work.Add(Task.Run(async () =>
                {
                    // On-CPU samples (perf_events, needs root or perf_event_paranoid <= 1), managed frames named by the perf map.
                    var data = Path.Combine(outDir, $"{name}.perf.data");
                    await Run("perf", ["record", "-F", "199", "-g", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", data, "--", "sleep",
                        ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture)], null).ConfigureAwait(false);
                    if (!File.Exists(data)) return;
                    var top = Path.Combine(outDir, $"{name}-perf-top.txt");
                    await Run("perf", ["report", "-i", data, "--no-children", "--sort", "dso,sym", "--stdio", "--percent-limit", "0.3", "-g", "none"], top).ConfigureAwait(false);
                    var dsos = Path.Combine(outDir, $"{name}-perf-dso.txt");
                    await Run("perf", ["report", "-i", data, "--no-children", "--sort", "dso", "--stdio", "-g", "none"], dsos).ConfigureAwait(false);
                    var callers = Path.Combine(outDir, $"{name}-perf-inclusive.txt");
                    await Run("perf", ["report", "-i", data, "--children", "--sort", "sym", "--stdio", "--percent-limit", "2", "-g", "none"], callers).ConfigureAwait(false);
                    files.AddRange([top, dsos, callers]);
                    File.Delete(data);
                }));
            }
            if (File.Exists("/usr/bin/strace"))
            {
                work.Add(Task.Run(async () =>
                {
                    // How often the process writes and syncs files (SQLite commits): counts only, file syscalls only.
                    var counts = Path.Combine(outDir, $"{name}-syscalls.txt");
                    await Run("timeout", ["-s", "INT", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "strace", "-f", "-c",
                        "-e", "trace=fsync,fdatasync,pwrite64,pread64,openat,unlink,unlinkat,ftruncate", "-p", pid.ToString(CultureInfo.InvariantCulture)], counts)
                        .ConfigureAwait(false);
                    files.Add(counts);
                }));
            }
            work.Add(Task.Run(async () =>
            {
                await Task.Delay(duration / 2).ConfigureAwait(false);
                var stacks = Path.Combine(outDir, $"{name}-stacks.txt");
                await Tool("dotnet-stack", ["report", "-p", pid.ToString(CultureInfo.InvariantCulture)], stacks).ConfigureAwait(false);
                files.Add(stacks);
            }));
        }
        await Task.WhenAll(work).ConfigureAwait(false);
        return files;
    }

    private static Task Tool(string tool, IEnumerable<string> args, string? stdoutFile) =>
        Run("dotnet", ["tool", "run", tool, "--", .. args], stdoutFile);

    private static async Task Run(string program, IEnumerable<string> args, string? stdoutFile)
    {
        var tool = program;
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = BuildLayout.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
            if (stdoutFile is not null) await File.WriteAllTextAsync(stdoutFile, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false)).ConfigureAwait(false);
            else if (process.ExitCode != 0) LoadEngine.Log($"{tool}: exit {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            LoadEngine.Log($"{tool} could not run ({e.Message}): dotnet tool restore in the repository");
        }
    }
}
