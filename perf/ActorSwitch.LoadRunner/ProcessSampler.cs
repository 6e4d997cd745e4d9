using System.Diagnostics;
using System.Globalization;

namespace ActorSwitch.LoadRunner;

/// <summary>CPU (% of one core) and resident memory of a process over the last interval, and its open files and threads.</summary>
public readonly record struct ProcessReading(double CpuPercent, double RssMb, int Threads, int OpenFiles);

/// <summary>
/// Samples the processes of the run from /proc (Linux): this runner, the node, the centre simulator, the
/// echo server, and the whole machine ("machine" = busy share of all cores x 100 x cores, so that "other" =
/// machine - ours shows what else on the shared machine took CPU during the run).
/// </summary>
public sealed class ProcessSampler
{
    private readonly Dictionary<string, int> _pids = [];
    private readonly Dictionary<string, (long Ticks, long At)> _previous = [];
    private (long Busy, long Total) _machine;
    private readonly object _gate = new();
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly Dictionary<string, double> _peakRss = [];

    public ProcessSampler()
    {
        Track("runner", Environment.ProcessId);
        _machine = ReadMachine();
    }

    public IReadOnlyDictionary<string, double> PeakRssMb => _peakRss;

    public void Track(string name, int pid)
    {
        lock (_gate)
        {
            _pids[name] = pid;
            _previous.Remove(name);
        }
    }

    public void Untrack(string name)
    {
        lock (_gate) _pids.Remove(name);
    }

    public IReadOnlyDictionary<string, ProcessReading> Sample()
    {
        lock (_gate)
        {
            var result = new Dictionary<string, ProcessReading>();
            var now = Stopwatch.GetTimestamp();
            double ours = 0;
            foreach (var (name, pid) in _pids)
            {
                var ticks = ReadCpuTicks(pid);
                if (ticks < 0) continue;
                var cpu = 0.0;
                if (_previous.TryGetValue(name, out var prev))
                {
                    var seconds = Stopwatch.GetElapsedTime(prev.At, now).TotalSeconds;
                    if (seconds > 0) cpu = (ticks - prev.Ticks) / TicksPerSecond / seconds * 100;
                }
                _previous[name] = (ticks, now);
                var (rss, threads) = ReadStatus(pid);
                var reading = new ProcessReading(Math.Round(cpu, 1), Math.Round(rss, 1), threads, CountFds(pid));
                result[name] = reading;
                ours += reading.CpuPercent;
                _peakRss[name] = Math.Max(_peakRss.GetValueOrDefault(name), rss);
            }

            var machine = ReadMachine();
            var busy = machine.Busy - _machine.Busy;
            var total = machine.Total - _machine.Total;
            _machine = machine;
            if (total > 0)
            {
                var machinePercent = 100.0 * busy / total * Environment.ProcessorCount;
                result["machine"] = new ProcessReading(Math.Round(machinePercent, 1), 0, 0, 0);
                result["other"] = new ProcessReading(Math.Round(Math.Max(0, machinePercent - ours), 1), 0, 0, 0);
            }
            return result;
        }
    }

    private static long ReadCpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command: state(0) ... utime is field 14 overall, i.e. index 11 here; stime index 12.
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return -1;
        }
    }

    private static (double RssMb, int Threads) ReadStatus(int pid)
    {
        double rss = 0;
        var threads = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    rss = long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                    threads = int.Parse(line[8..].Trim(), CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return (rss, threads);
    }

    private static int CountFds(int pid)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static (long Busy, long Total) ReadMachine()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            var total = v.Take(8).Sum();
            var idle = v[3] + v[4];
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return (0, 0);
        }
    }

    /// <summary>The soft and hard limits on open files of this process.</summary>
    public static (long Soft, long Hard) OpenFileLimit()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var parts = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (Lim(parts[0]), Lim(parts[1]));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
        {
            return (-1, -1);
        }

        static long Lim(string s) => s == "unlimited" ? long.MaxValue : long.Parse(s, CultureInfo.InvariantCulture);
    }
}
