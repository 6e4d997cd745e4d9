using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace ActorSwitch.LoadRunner;

/// <summary>
/// Drives terminals: open loop (a constant or stepped arrival rate; each operation has an intended send
/// time on the schedule and its latency is measured from it, so that a stall delays the record instead of
/// the schedule), closed loop (each terminal back-to-back: the maximum throughput at a concurrency), the
/// sign-on storm and end-of-shift settlement. A progress line per second while a phase runs.
/// </summary>
public sealed class LoadEngine(ProcessSampler sampler, bool quiet)
{
    private long _inFlight;
    private Func<long>? _backlogNow;

    /// <summary>Runs <paramref name="body"/> as <paramref name="metrics"/>'s phase, sampling once a second.</summary>
    public async Task RunPhaseAsync(PhaseMetrics metrics, Func<CancellationToken, Task> body, CancellationToken cancellation)
    {
        Interlocked.Exchange(ref _inFlight, 0);
        _backlogNow = null;
        sampler.Sample(); // start the CPU interval here
        metrics.Start();
        Log($"--- {metrics.Name}: {metrics.Mode}, {metrics.Target}");
        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var progress = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            try
            {
                while (await timer.WaitForNextTickAsync(stopProgress.Token).ConfigureAwait(false))
                {
                    var s = metrics.Sample(sampler.Sample(), Interlocked.Read(ref _inFlight), _backlogNow?.Invoke() ?? 0);
                    if (!quiet) Console.WriteLine(Progress(metrics, s));
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
        try
        {
            await body(cancellation).ConfigureAwait(false);
        }
        finally
        {
            await stopProgress.CancelAsync().ConfigureAwait(false);
            await progress.ConfigureAwait(false);
            var last = metrics.Sample(sampler.Sample(), Interlocked.Read(ref _inFlight), _backlogNow?.Invoke() ?? 0);
            if (!quiet) Console.WriteLine(Progress(metrics, last));
            metrics.Finish();
            Log($"--- {metrics.Name} done in {metrics.ElapsedSeconds:F1} s: {metrics.Ok} ok, {metrics.Declined} declined, {metrics.Failed} errors; " +
                $"{metrics.Throughput:F0}/s measured, p99 {PhaseMetrics.Ms(metrics.Latency, 99):F2} ms");
        }
    }

    /// <summary>
    /// Open loop. Operation i is intended at start + (time of i on the schedule); the dispatcher wakes every
    /// millisecond and sends what is due on a free terminal. When every terminal is busy the due operations
    /// wait (their latency grows from the intended time); what is still unsent when the schedule ends is
    /// counted as missed: the runner could not keep the rate.
    /// </summary>
    public async Task OpenLoopAsync(PhaseMetrics metrics, IReadOnlyList<ILoadTerminal> terminals, IReadOnlyList<RateStep> steps,
        Func<string> nextKind, TimeSpan answerTimeout, CancellationToken cancellation)
    {
        var schedule = new Schedule(steps);
        var idle = new ConcurrentQueue<ILoadTerminal>(terminals);
        using var free = new SemaphoreSlim(terminals.Count, terminals.Count);
        var start = metrics.StartTimestamp;
        var frequency = (double)Stopwatch.Frequency;
        long issued = 0;
        var endTicks = start + (long)(schedule.TotalSeconds * frequency);
        var running = new ConcurrentDictionary<Task, byte>();
        long DueNow() => Math.Min(schedule.TotalOps, schedule.CountBy(Stopwatch.GetElapsedTime(start).TotalSeconds));
        metrics.IntendedNow = DueNow;
        if (steps.Count > 1)
            for (var i = 0; i < steps.Count; i++)
                metrics.Steps.Add(new StepMetrics($"{steps[i].PerSecond:F0}/s", steps[i].PerSecond, steps[i].Seconds));
        _backlogNow = () => Math.Max(0, DueNow() - Interlocked.Read(ref issued));

        while (!cancellation.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= endTicks) break;
            var due = Math.Min(schedule.TotalOps, schedule.CountBy((now - start) / frequency));
            while (issued < due)
            {
                if (!free.Wait(0))
                {
                    var remaining = TimeSpan.FromTicks(Math.Max(0, (endTicks - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
                    if (!await free.WaitAsync(remaining < TimeSpan.FromMilliseconds(50) ? remaining : TimeSpan.FromMilliseconds(50), cancellation).ConfigureAwait(false))
                    {
                        if (Stopwatch.GetTimestamp() >= endTicks) break;
                        continue;
                    }
                }
                idle.TryDequeue(out var terminal);
                var intendedSeconds = schedule.TimeOf(issued);
                var intendedTicks = start + (long)(intendedSeconds * frequency);
                var step = steps.Count > 1 && intendedSeconds >= metrics.WarmupSeconds ? schedule.StepOf(issued) : -1;
                Interlocked.Increment(ref issued);
                var kind = nextKind();
                var task = Task.Run(() => OneAsync(metrics, terminal!, kind, intendedTicks, step, idle, free, cancellation), CancellationToken.None);
                running.TryAdd(task, 0);
                _ = task.ContinueWith(t => running.TryRemove(t, out _), TaskScheduler.Default);
            }
            await Task.Delay(1, CancellationToken.None).ConfigureAwait(false);
        }

        // The schedule asked for all of them by its end.
        metrics.Intend(schedule.TotalOps);
        metrics.IntendedNow = null;
        var missedNow = schedule.TotalOps - Interlocked.Read(ref issued);
        _backlogNow = () => missedNow;
        var missed = schedule.TotalOps - issued;
        metrics.Extra["intendedOps"] = schedule.TotalOps;
        metrics.Extra["sentOps"] = issued;
        metrics.Extra["missedOps"] = missed;
        await DrainAsync(running.Keys, answerTimeout).ConfigureAwait(false);
    }

    private async Task OneAsync(PhaseMetrics metrics, ILoadTerminal terminal, string kind, long intendedTicks, int step,
        ConcurrentQueue<ILoadTerminal> idle, SemaphoreSlim free, CancellationToken cancellation)
    {
        Interlocked.Increment(ref _inFlight);
        var sent = Stopwatch.GetTimestamp();
        metrics.SentOne(sent - intendedTicks);
        OpResult result;
        try
        {
            result = await terminal.ExecuteAsync(kind, cancellation).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            result = new OpResult(kind, OpStatus.Error, e.GetType().Name);
        }
        var end = Stopwatch.GetTimestamp();
        metrics.Record(result, intendedTicks, sent, end);
        if (step >= 0) metrics.RecordStep(step, result, end - intendedTicks);
        Interlocked.Decrement(ref _inFlight);
        idle.Enqueue(terminal);
        free.Release();
    }

    /// <summary>Closed loop: <paramref name="concurrency"/> terminals each send the next operation as soon as the last is answered.</summary>
    public async Task ClosedLoopAsync(PhaseMetrics metrics, IReadOnlyList<ILoadTerminal> terminals, int concurrency, TimeSpan duration,
        Func<string> nextKind, CancellationToken cancellation)
    {
        var end = metrics.StartTimestamp + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = terminals.Take(concurrency).Select(terminal => Task.Run(async () =>
        {
            while (!cancellation.IsCancellationRequested && Stopwatch.GetTimestamp() < end)
            {
                var kind = nextKind();
                var sent = Stopwatch.GetTimestamp();
                metrics.Intend();
                metrics.SentOne(0);
                Interlocked.Increment(ref _inFlight);
                OpResult result;
                try
                {
                    result = await terminal.ExecuteAsync(kind, cancellation).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    result = new OpResult(kind, OpStatus.Error, e.GetType().Name);
                }
                Interlocked.Decrement(ref _inFlight);
                metrics.Record(result, sent, sent, Stopwatch.GetTimestamp());
                if (result.Status == OpStatus.Error && result.Code is "NotConnected" or "ConnectionClosed")
                    await Task.Delay(100, CancellationToken.None).ConfigureAwait(false); // do not spin on a dead link
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    /// <summary>
    /// Every terminal connects and signs on at once (at most <paramref name="concurrency"/> at a time when
    /// above 0). Each terminal's latency is from the storm's start: the slowest is the storm's duration.
    /// </summary>
    public async Task StormAsync(PhaseMetrics metrics, IReadOnlyList<ILoadTerminal> terminals, int concurrency, CancellationToken cancellation)
    {
        var start = metrics.StartTimestamp;
        using var gate = new SemaphoreSlim(concurrency > 0 ? concurrency : terminals.Count);
        long lastOk = 0;
        metrics.Intend(terminals.Count);
        var all = terminals.Select(terminal => Task.Run(async () =>
        {
            await gate.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                var sent = Stopwatch.GetTimestamp();
                metrics.SentOne(sent - start);
                Interlocked.Increment(ref _inFlight);
                var result = await terminal.ConnectAndSignOnAsync(cancellation).ConfigureAwait(false);
                Interlocked.Decrement(ref _inFlight);
                var end = Stopwatch.GetTimestamp();
                metrics.Record(result, start, sent, end);
                if (result.Status == OpStatus.Ok) InterlockedMax(ref lastOk, end);
            }
            finally
            {
                gate.Release();
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(all).ConfigureAwait(false);
        var seconds = lastOk == 0 ? double.NaN : Stopwatch.GetElapsedTime(start, lastOk).TotalSeconds;
        metrics.Extra["stormSeconds"] = Math.Round(seconds, 3);
        metrics.Extra["signedOn"] = metrics.Ok;
        metrics.Extra["terminals"] = terminals.Count;
    }

    /// <summary>End of shift: each terminal (all at once) makes purchases if its batch is empty, then settles (0500, and uploads when asked).</summary>
    public async Task SettlementAsync(PhaseMetrics metrics, IReadOnlyList<ILoadTerminal> terminals, int purchases, CancellationToken cancellation)
    {
        var all = terminals.Select(terminal => Task.Run(async () =>
        {
            if (terminal.OpenBatchCount == 0)
            {
                for (var i = 0; i < purchases; i++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    metrics.Intend();
                    metrics.SentOne(0);
                    var purchase = await terminal.ExecuteAsync("purchase", cancellation).ConfigureAwait(false);
                    metrics.Record(purchase, t0, t0, Stopwatch.GetTimestamp());
                }
            }
            var sent = Stopwatch.GetTimestamp();
            metrics.Intend();
            metrics.SentOne(0);
            Interlocked.Increment(ref _inFlight);
            var result = await terminal.ExecuteAsync("settlement", cancellation).ConfigureAwait(false);
            Interlocked.Decrement(ref _inFlight);
            metrics.Record(result, sent, sent, Stopwatch.GetTimestamp());
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(all).ConfigureAwait(false);
    }

    private static async Task DrainAsync(IEnumerable<Task> running, TimeSpan answerTimeout)
    {
        var pending = running.ToArray();
        if (pending.Length == 0) return;
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(answerTimeout + TimeSpan.FromSeconds(5))).ConfigureAwait(false);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static string Progress(PhaseMetrics m, IntervalSample s)
    {
        var cpu = string.Join(' ', s.Processes.Where(p => p.Key != "machine")
            .Select(p => $"{p.Key} {p.Value.CpuPercent:F0}%"));
        var rss = s.Processes.TryGetValue("node", out var node) ? $" node {node.RssMb:F0} MB" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{m.Name} {s.T,6:F1}s{(s.Warmup ? " warm-up" : "")}] {s.Throughput,8:F0}/s (sent {s.Sent}/{s.Intended} due) ok {m.Ok} decl {m.Declined} err {m.Failed} | " +
            $"p50 {s.P50:F1} p99 {s.P99:F1} p99.9 {s.P999:F1} max {s.Max:F1} ms | in flight {s.InFlight} backlog {s.Backlog} | cpu {cpu}{rss}");
    }

    public static void Log(string line) => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
}

/// <summary>A stepped arrival schedule: operation i's intended time, and how many are due by a time.</summary>
public sealed class Schedule
{
    private readonly RateStep[] _steps;
    private readonly long[] _opsBefore;
    private readonly double[] _startOf;

    public Schedule(IReadOnlyList<RateStep> steps)
    {
        _steps = steps.ToArray();
        _opsBefore = new long[_steps.Length + 1];
        _startOf = new double[_steps.Length + 1];
        for (var i = 0; i < _steps.Length; i++)
        {
            _opsBefore[i + 1] = _opsBefore[i] + (long)Math.Floor(_steps[i].PerSecond * _steps[i].Seconds);
            _startOf[i + 1] = _startOf[i] + _steps[i].Seconds;
        }
    }

    public long TotalOps => _opsBefore[^1];

    public double TotalSeconds => _startOf[^1];

    public long CountBy(double seconds)
    {
        for (var i = 0; i < _steps.Length; i++)
        {
            if (seconds < _startOf[i + 1])
                return _opsBefore[i] + Math.Min(_opsBefore[i + 1] - _opsBefore[i], (long)Math.Floor((seconds - _startOf[i]) * _steps[i].PerSecond) + 1);
        }
        return TotalOps;
    }

    /// <summary>The step that operation <paramref name="op"/> belongs to.</summary>
    public int StepOf(long op)
    {
        for (var i = 0; i < _steps.Length; i++)
            if (op < _opsBefore[i + 1])
                return i;
        return _steps.Length - 1;
    }

    public double TimeOf(long op)
    {
        for (var i = 0; i < _steps.Length; i++)
            if (op < _opsBefore[i + 1])
                return _startOf[i] + (op - _opsBefore[i]) / _steps[i].PerSecond;
        return TotalSeconds;
    }
}
