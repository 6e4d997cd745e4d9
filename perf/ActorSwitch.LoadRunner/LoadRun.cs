using System.Globalization;
using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Security.Module;

namespace ActorSwitch.LoadRunner;

/// <summary>One invocation: baselines, then (unless only echo) the node, registration, TMKs, storm, load, settlement; then the reports.</summary>
public sealed class LoadRun(RunOptions options)
{
    private readonly ProcessSampler _sampler = new();
    private readonly List<PhaseMetrics> _phases = [];
    private readonly Dictionary<string, object> _facts = [];

    public async Task<int> RunAsync()
    {
        Directory.CreateDirectory(options.Out);
        var engine = new LoadEngine(_sampler, options.Quiet);
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            LoadEngine.Log("interrupted: stopping, the report covers what ran");
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;

        var machine = MachineInfo.Describe();
        _facts["machine"] = machine;
        _facts["command"] = "loadrun " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
        _facts["startedAt"] = DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
        LoadEngine.Log($"machine: {machine}");
        CheckFileLimit();

        var failed = false;
        try
        {
            foreach (var baseline in options.Baselines)
                await RunBaselineAsync(engine, baseline, cancel.Token).ConfigureAwait(false);
            if (options.Scenario != "echo")
                await RunSwitchAsync(engine, cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _facts["interrupted"] = true;
        }
        catch (Exception e)
        {
            failed = true;
            _facts["failure"] = e.ToString();
            Console.Error.WriteLine("The run failed: " + e);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        _facts["peakRssMb"] = _sampler.PeakRssMb.ToDictionary(p => p.Key, p => Math.Round(p.Value, 1));
        Judge();
        var files = Reports.Write(options, _phases, _facts);
        Console.WriteLine();
        Console.WriteLine(File.ReadAllText(files.Text));
        LoadEngine.Log("reports: " + string.Join(", ", files.All));
        var errors = _phases.Sum(p => p.Failed);
        if (failed) return 3;
        return options.FailOnError && errors > 0 ? 1 : 0;
    }

    private async Task RunBaselineAsync(LoadEngine engine, string kind, CancellationToken cancellation)
    {
        var mirror = kind == "pos";
        ServiceProcess? process = null;
        EchoServer? inProcess = null;
        string host = "127.0.0.1";
        int port;
        if (options.EchoAddress is { } address)
        {
            var colon = address.LastIndexOf(':');
            host = address[..colon];
            port = int.Parse(address[(colon + 1)..], CultureInfo.InvariantCulture);
        }
        else if (options.EchoInProcess)
        {
            inProcess = EchoServer.Start(0, mirror);
            port = inProcess.Port;
        }
        else
        {
            port = BuildLayout.FreePort();
            var self = typeof(LoadRun).Assembly.Location;
            process = ServiceProcess.StartDll("echo", self, mirror ? ["echo-server", "--port", port.ToString(), "--mirror"] : ["echo-server", "--port", port.ToString()],
                AppContext.BaseDirectory);
            await process.WaitForLineAsync("Echo server listening on", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            _sampler.Track("echo", process.Pid);
        }

        var context = new LoadContext(options);
        var terminals = new List<ILoadTerminal>(options.Terminals);
        try
        {
            for (var i = 0; i < options.Terminals; i++)
            {
                var merchant = TerminalIdentity.Merchant("ECHO", i / options.TerminalsPerMerchant);
                var terminal = TerminalIdentity.Terminal(i);
                if (mirror)
                {
                    var pos = new PosTerminal(TerminalOptionsFor(host, port, merchant, terminal), TerminalMasterKey.FromClear(new byte[16]));
                    pos.UseWorkingKeys(WorkingKeys.FromClear(Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210"), Convert.FromHexString("0123456789ABCDEF")));
                    terminals.Add(new SwitchTerminal(pos, context, mirror: true));
                }
                else
                {
                    terminals.Add(new RawEchoTerminal(host, port, merchant, terminal, context.NextCard()));
                }
            }

            var name = mirror ? "baseline pos-echo" : "baseline raw-echo";
            var connect = new PhaseMetrics(name + " connect", "connect all", $"{options.Terminals} connections", 0);
            _phases.Add(connect);
            await engine.RunPhaseAsync(connect, ct => engine.StormAsync(connect, terminals, options.StormConcurrency, ct), cancellation).ConfigureAwait(false);
            await RunLoadAsync(engine, name, terminals, options.BaselineSeconds, () => mirror ? "purchase" : "raw", cancellation, baseline: true).ConfigureAwait(false);
        }
        finally
        {
            foreach (var t in terminals) await t.DisposeAsync().ConfigureAwait(false);
            if (inProcess is not null) await inProcess.DisposeAsync().ConfigureAwait(false);
            if (process is not null)
            {
                _sampler.Untrack("echo");
                process.Dispose();
            }
        }
    }

    private async Task RunSwitchAsync(LoadEngine engine, CancellationToken cancellation)
    {
        LocalStack? stack = null;
        var terminals = new List<ILoadTerminal>();
        try
        {
            string host;
            int posPort;
            string admin;
            if (options.IsLocal)
            {
                stack = await LocalStack.StartAsync(options, LoadEngine.Log).ConfigureAwait(false);
                host = "127.0.0.1";
                posPort = stack.PosPort;
                admin = $"http://127.0.0.1:{stack.AdminPort}";
                _sampler.Track("node", stack.Node.Pid);
                _profiled["node"] = stack.Node.Pid;
                if (stack.Centre is not null)
                {
                    _sampler.Track("centre", stack.Centre.Pid);
                    _profiled["centre"] = stack.Centre.Pid;
                }
                _facts["node"] = $"local from build output ({BuildLayout.Configuration}), POS 127.0.0.1:{posPort}, admin {admin}, data {stack.DataDir}";
                if (stack.Centre is not null) _facts["centreControlApi"] = $"http://127.0.0.1:{stack.CentreAdminPort}";
            }
            else
            {
                var colon = options.Node!.LastIndexOf(':');
                host = options.Node[..colon];
                posPort = int.Parse(options.Node[(colon + 1)..], CultureInfo.InvariantCulture);
                admin = options.Admin!;
                if (options.NodePid is { } np)
                {
                    _sampler.Track("node", np);
                    _profiled["node"] = np;
                }
                if (options.CentralPid is { } cp)
                {
                    _sampler.Track("centre", cp);
                    _profiled["centre"] = cp;
                }
                _facts["node"] = $"running node {options.Node}, admin {admin}";
            }

            var kbpk = Convert.FromHexString(options.Kbpk ?? DemoKeys.KeyLoadingDeviceKbpk);
            using var provisioner = new Provisioner(admin, options.Token, kbpk, options.AdminConcurrency);
            var tag = options.IdTag ?? RandomTag();
            _facts["idTag"] = tag;

            var register = new PhaseMetrics("register", "operator API", $"{options.Registered} terminals, {options.AdminConcurrency} requests at once", 0);
            _phases.Add(register);
            List<TerminalIdentity> identities = [];
            if (options.SkipRegistration)
            {
                identities = Provisioner.Identities(options.Registered, options.TerminalsPerMerchant, tag);
                register.Notes = "skipped: registered by an earlier run (--skip-registration)";
            }
            else
            {
                await engine.RunPhaseAsync(register, async ct =>
                    identities = await provisioner.RegisterAsync(register, options.Registered, options.TerminalsPerMerchant, tag, ct).ConfigureAwait(false),
                    cancellation).ConfigureAwait(false);
            }

            var connecting = identities.Take(options.Terminals).ToList();
            var tmk = new PhaseMetrics("fetch-tmk", "operator API", $"{connecting.Count} TMKs as TR-31 blocks", 0);
            _phases.Add(tmk);
            TerminalMasterKey?[] keys = [];
            await engine.RunPhaseAsync(tmk, async ct => keys = await provisioner.FetchMasterKeysAsync(tmk, connecting, ct).ConfigureAwait(false),
                cancellation).ConfigureAwait(false);

            var context = new LoadContext(options);
            for (var i = 0; i < connecting.Count; i++)
            {
                if (keys[i] is not { } key) continue;
                var pos = new PosTerminal(TerminalOptionsFor(host, posPort, connecting[i].MerchantId, connecting[i].TerminalId), key);
                terminals.Add(new SwitchTerminal(pos, context));
            }

            var storm = new PhaseMetrics("sign-on storm", "connect + sign on, all at once",
                $"{terminals.Count} terminals{(options.StormConcurrency > 0 ? $", at most {options.StormConcurrency} at a time" : "")}", 0);
            _phases.Add(storm);
            await engine.RunPhaseAsync(storm, ct => engine.StormAsync(storm, terminals, options.StormConcurrency, ct), cancellation).ConfigureAwait(false);
            var signedOn = terminals.Where(t => t is SwitchTerminal { Pos.IsSignedOn: true }).ToList();
            GaugeNode(storm);

            if (options.Scenario == "purchase" || (options.Scenario == "settlement" && (options.IsOpenLoop || options.Closed)))
            {
                var chooser = MixChooser(options.Mix);
                await RunLoadAsync(engine, "purchase mix", signedOn, options.DurationSeconds, chooser, cancellation, baseline: false).ConfigureAwait(false);
            }

            if (options.Scenario == "settlement")
            {
                var settle = new PhaseMetrics("settlement", "end of shift: every terminal settles at once",
                    $"{signedOn.Count} terminals ({options.SettlePurchases} purchases first where the batch is empty)", 0);
                _phases.Add(settle);
                await engine.RunPhaseAsync(settle, ct => engine.SettlementAsync(settle, signedOn, options.SettlePurchases, ct), cancellation).ConfigureAwait(false);
                GaugeNode(settle);
            }
        }
        finally
        {
            foreach (var t in terminals) await t.DisposeAsync().ConfigureAwait(false);
            if (stack is not null)
            {
                _facts["nodeLogTail"] = stack.Node.Tail.Split('\n').TakeLast(40).ToArray();
                _sampler.Untrack("node");
                _sampler.Untrack("centre");
                await stack.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The purchase (or baseline) load in the run's shape: open loop at the rate steps, or closed loop at each concurrency.</summary>
    private async Task RunLoadAsync(LoadEngine engine, string name, IReadOnlyList<ILoadTerminal> terminals, double durationSeconds,
        Func<string> nextKind, CancellationToken cancellation, bool baseline)
    {
        if (terminals.Count == 0) throw new InvalidOperationException("No terminal is connected: nothing to load.");
        var mix = baseline ? (name.Contains("raw") ? "pre-built purchase frame" : "purchase (PosTerminal)") : string.Join(',', options.Mix.Select(m => $"{m.Key}={m.Value}"));
        if (options.IsOpenLoop)
        {
            var steps = options.Rate.ToList();
            if (baseline)
            {
                // Same rate steps, scaled to the baseline's length.
                var total = steps.Sum(s => s.Seconds);
                var scale = (durationSeconds + options.WarmupSeconds) / total;
                steps = steps.Select(s => s with { Seconds = s.Seconds * (options.Rate.Count == 1 ? scale : 1) }).ToList();
            }
            var rates = string.Join(" then ", steps.Select(s => $"{s.PerSecond:F0}/s for {s.Seconds:F0} s"));
            var m = new PhaseMetrics(name, "open loop", $"{rates}, {terminals.Count} terminals, mix {mix}", options.WarmupSeconds);
            m.Extra["targetRate"] = steps.Max(s => s.PerSecond);
            _phases.Add(m);
            var profile = baseline ? null : StartProfile(cancellation);
            await engine.RunPhaseAsync(m, ct => engine.OpenLoopAsync(m, terminals, steps, nextKind, options.AnswerTimeout, ct), cancellation).ConfigureAwait(false);
            GaugeNode(m);
            await FinishProfile(profile, m).ConfigureAwait(false);
        }
        else
        {
            var levels = options.Concurrency.Count > 0 ? options.Concurrency.Select(c => Math.Min(c, terminals.Count)).ToList() : [terminals.Count];
            var each = durationSeconds / levels.Count;
            foreach (var level in levels)
            {
                var warm = Math.Min(options.WarmupSeconds, each / 3);
                var m = new PhaseMetrics(levels.Count > 1 ? $"{name} c={level}" : name, "closed loop",
                    $"{level} terminals back-to-back for {each + warm:F0} s, mix {mix}", warm);
                m.Extra["concurrency"] = level;
                _phases.Add(m);
                var profile = baseline || level != levels[^1] ? null : StartProfile(cancellation);
                await engine.RunPhaseAsync(m, ct => engine.ClosedLoopAsync(m, terminals, level, TimeSpan.FromSeconds(each + warm), nextKind, ct), cancellation)
                    .ConfigureAwait(false);
                GaugeNode(m);
                await FinishProfile(profile, m).ConfigureAwait(false);
            }
        }
    }

    private readonly Dictionary<string, int> _profiled = [];

    private Task<List<string>>? StartProfile(CancellationToken cancellation)
    {
        if (options.ProfileSeconds <= 0 || _profiled.Count == 0) return null;
        LoadEngine.Log($"profiling {string.Join(", ", _profiled.Keys)} for {options.ProfileSeconds} s after {options.WarmupSeconds} s of warm-up");
        return Profiler.CaptureAsync(_profiled, options.Out, TimeSpan.FromSeconds(options.WarmupSeconds + 1), TimeSpan.FromSeconds(options.ProfileSeconds), cancellation);
    }

    private static async Task FinishProfile(Task<List<string>>? profile, PhaseMetrics m)
    {
        if (profile is null) return;
        var files = await profile.ConfigureAwait(false);
        m.Extra["profileFiles"] = files.Select(Path.GetFileName).ToArray();
        m.Notes = "profiled during this phase (sampling costs the traced processes some CPU): " + string.Join(", ", files.Select(Path.GetFileName));
    }

    private void GaugeNode(PhaseMetrics m)
    {
        var rss = m.Timeline.Where(s => s.Processes.ContainsKey("node")).Select(s => s.Processes["node"].RssMb).DefaultIfEmpty(0).Max();
        if (rss > 0) m.Gauges["nodePeakRssMb"] = rss;
    }

    private TerminalOptions TerminalOptionsFor(string host, int port, string merchant, string terminal) => new()
    {
        Host = host,
        Port = port,
        MerchantId = merchant,
        TerminalId = terminal,
        AnswerTimeout = options.AnswerTimeout,
        ConnectTimeout = TimeSpan.FromSeconds(Math.Max(30, options.AnswerTimeoutSeconds)),
    };

    private static Func<string> MixChooser(IReadOnlyDictionary<string, int> mix)
    {
        var kinds = mix.Where(m => m.Value > 0).ToArray();
        var total = kinds.Sum(k => k.Value);
        return () =>
        {
            var r = Random.Shared.Next(total);
            foreach (var (kind, weight) in kinds)
            {
                if (r < weight) return kind;
                r -= weight;
            }
            return kinds[^1].Key;
        };
    }

    private static string RandomTag()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(4, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[Random.Shared.Next(alphabet.Length)];
        });
    }

    private void CheckFileLimit()
    {
        var (soft, hard) = ProcessSampler.OpenFileLimit();
        _facts["openFileLimit"] = $"{soft} (hard {hard})";
        var need = options.Terminals + 200L;
        if (soft > 0 && soft < need)
            LoadEngine.Log($"WARNING: {options.Terminals} terminals need about {need} open files, the limit is {soft} (hard {hard}): " +
                "run through perf/ActorSwitch.LoadRunner/loadrun.sh (raises ulimit -n) or lower --terminals");
    }

    /// <summary>Verdicts for the targets given with --expect-*.</summary>
    private void Judge()
    {
        var load = _phases.Where(p => p.Mode is "open loop" or "closed loop" && !p.Name.StartsWith("baseline", StringComparison.Ordinal)).ToList();
        foreach (var p in load)
        {
            if (options.ExpectThroughput is { } thr)
                p.Verdicts.Add(Verdict($"approved/s >= {thr:F0}", p.OkThroughput >= thr, $"{p.OkThroughput:F0}/s"));
            if (options.ExpectP99Ms is { } stepP99)
                foreach (var st in p.Steps.Where(st => st.Latency.TotalCount > 0))
                    p.Verdicts.Add(Verdict($"step {st.Name}: p99 <= {stepP99} ms{(options.ExpectP999Ms is { } q ? $", p99.9 <= {q} ms" : "")}",
                        PhaseMetrics.Ms(st.Latency, 99) <= stepP99 && (options.ExpectP999Ms is not { } q2 || PhaseMetrics.Ms(st.Latency, 99.9) <= q2),
                        $"p99 {PhaseMetrics.Ms(st.Latency, 99):F2} ms, p99.9 {PhaseMetrics.Ms(st.Latency, 99.9):F2} ms"));
            if (options.ExpectP99Ms is { } p99)
                p.Verdicts.Add(Verdict($"p99 <= {p99} ms", PhaseMetrics.Ms(p.Latency, 99) <= p99, $"{PhaseMetrics.Ms(p.Latency, 99):F2} ms"));
            if (options.ExpectP999Ms is { } p999)
                p.Verdicts.Add(Verdict($"p99.9 <= {p999} ms", PhaseMetrics.Ms(p.Latency, 99.9) <= p999, $"{PhaseMetrics.Ms(p.Latency, 99.9):F2} ms"));
            if (p.Mode == "open loop")
            {
                var missed = p.Extra.TryGetValue("missedOps", out var mo) ? Convert.ToInt64(mo, CultureInfo.InvariantCulture) : 0;
                var lag = PhaseMetrics.Ms(p.SendLag, 99);
                p.Verdicts.Add(Verdict("rate kept (no op missed, p99 send lag <= 20 ms)", missed == 0 && lag <= 20,
                    $"{missed} missed, p99 send lag {lag:F1} ms"));
            }
        }
        foreach (var p in _phases.Where(p => p.Name == "sign-on storm"))
        {
            if (options.ExpectStormSeconds is { } storm && p.Extra.TryGetValue("stormSeconds", out var s))
            {
                var seconds = Convert.ToDouble(s, CultureInfo.InvariantCulture);
                var all = p.Ok == Convert.ToInt64(p.Extra["terminals"], CultureInfo.InvariantCulture);
                p.Verdicts.Add(Verdict($"all {p.Extra["terminals"]} signed on within {storm} s", all && seconds <= storm, $"{p.Ok} signed on, last after {seconds:F2} s"));
            }
        }
        if (options.ExpectNodeRssMb is { } mb && _sampler.PeakRssMb.TryGetValue("node", out var peak))
        {
            var last = _phases.LastOrDefault(p => p.Name != "register" && p.Name != "fetch-tmk") ?? _phases.LastOrDefault();
            last?.Verdicts.Add(Verdict($"node RSS < {mb} MB", peak < mb, $"peak {peak:F0} MB"));
        }
        if (options.FailOnError)
            foreach (var p in _phases.Where(p => p.Failed > 0))
                p.Verdicts.Add(Verdict("no errors", false, $"{p.Failed} errors"));
    }

    private static string Verdict(string target, bool met, string measured) => $"{(met ? "MET" : "NOT MET")}: {target} (measured {measured})";
}
