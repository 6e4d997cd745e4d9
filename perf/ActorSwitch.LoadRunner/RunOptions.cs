using System.Globalization;

namespace ActorSwitch.LoadRunner;

/// <summary>What to run, against what, how hard and for how long (the command line; see <see cref="Usage"/>).</summary>
public sealed class RunOptions
{
    public string Scenario { get; set; } = "purchase";
    public int Terminals { get; set; } = 100;
    /// <summary>Terminals registered in all; only <see cref="Terminals"/> of them connect (memory target: 100,000 / 10,000).</summary>
    public int Registered { get; set; }
    public int TerminalsPerMerchant { get; set; } = 100;
    /// <summary>Open loop: the arrival-rate steps (per second, seconds). Empty: closed loop.</summary>
    public List<RateStep> Rate { get; } = [];
    public bool Closed { get; set; }
    /// <summary>Closed loop: concurrency steps (each runs an equal share of the duration); empty: every terminal.</summary>
    public List<int> Concurrency { get; } = [];
    public double DurationSeconds { get; set; } = 30;
    public double WarmupSeconds { get; set; } = 5;
    public double BaselineSeconds { get; set; } = -1;
    /// <summary>Baselines run first in the same invocation: raw (pre-built frames echoed) and pos (PosTerminal against a mirror).</summary>
    public List<string> Baselines { get; } = [];
    public Dictionary<string, int> Mix { get; } = new() { ["purchase"] = 100 };
    public int FirstCard { get; set; } = 1;
    public int LastCard { get; set; } = 10000;
    public long MinAmount { get; set; } = 100;
    public long MaxAmount { get; set; } = 2000;
    public double AnswerTimeoutSeconds { get; set; } = 30;
    public int StormConcurrency { get; set; }
    public int SettlePurchases { get; set; } = 2;
    public int AdminConcurrency { get; set; } = 32;

    // Target: a running node, or one started here from build output.
    public string? Node { get; set; }
    public string? Admin { get; set; }
    public string Token { get; set; } = "dev-admin-token";
    public string? Kbpk { get; set; }
    public string? Central { get; set; }
    public string? NodeConfig { get; set; }
    public int? NodePid { get; set; }
    public int? CentralPid { get; set; }
    public List<string> NodeArgs { get; } = [];
    public bool KeepData { get; set; }
    public string? DataDir { get; set; }
    public string? EchoAddress { get; set; }
    public bool EchoInProcess { get; set; }

    public string Out { get; set; } = "";
    public string? Label { get; set; }
    public string? IdTag { get; set; }
    public bool Quiet { get; set; }
    public bool FailOnError { get; set; }
    /// <summary>Experiment: create the local node's SQLite journal and snapshot files in WAL mode (synchronous stays FULL) before it starts.</summary>
    public bool JournalWal { get; set; }
    /// <summary>The terminals of --id-tag are registered already (an earlier run on the same --data-dir or node).</summary>
    public bool SkipRegistration { get; set; }
    /// <summary>Seconds of node/centre profile (dotnet-trace, dotnet-counters, dotnet-stack) during the main load phase; 0 = none.</summary>
    public double ProfileSeconds { get; set; }

    // Targets judged in the report (absent: not judged).
    public double? ExpectThroughput { get; set; }
    public double? ExpectP99Ms { get; set; }
    public double? ExpectP999Ms { get; set; }
    public double? ExpectStormSeconds { get; set; }
    public double? ExpectNodeRssMb { get; set; }

    public bool IsOpenLoop => Rate.Count > 0 && !Closed;
    public bool IsLocal => Node is null;
    public TimeSpan AnswerTimeout => TimeSpan.FromSeconds(AnswerTimeoutSeconds);

    public const string Usage = """
        ActorSwitch load runner: many simulated POS terminals (own TCP connection, TMK from the operator API,
        real sign-on, MACs and PIN blocks) against a node, with HdrHistogram latencies.

        usage: loadrun [scenario] [options]
          scenarios: purchase (default)  sign-on storm, then the purchase mix
                     signon-storm        connect and sign on every terminal at once
                     settlement          storm, --settle-purchases each, then end-of-shift settlement (0500)
                     echo                only the echo baselines (no node)
        load:
          --terminals N            terminals connected (default 100)
          --registered N           terminals registered in all (default = --terminals); the rest never connect
          --rate R | R:S,R:S,...   open loop at R per second (steps of S seconds); latency from the intended send time
          --closed                 closed loop (every terminal back-to-back) to find the maximum throughput
          --concurrency C,C,...    closed-loop steps of concurrency (equal shares of the duration)
          --duration S             seconds of the measured phase (default 30); --warmup S excluded (default 5)
          --mix purchase=85,balance=5,void=5,reversal=5   (default purchase=100)
          --cards A-B              test-card serials to spread over (default 1-10000)
          --amount A-B             purchase amounts in fen (default 100-2000)
          --timeout S              answer timeout of a terminal (default 30)
          --storm-concurrency N    at most N sign-ons at once in the storm (default all)
          --settle-purchases N     purchases per terminal before settling when its batch is empty (default 2)
          --baseline raw,pos       run echo baselines first with the same load shape: raw = the same frames echoed
                                   over loopback (pre-built, no crypto); pos = PosTerminal against a mirror server
          --baseline-duration S    (default: --duration)
        target (default: start centre simulator and node from build output on free ports):
          --node host:port --admin http://host:port [--token T] [--kbpk HEX] [--node-pid P] [--central-pid P]
          --central host:port      local node, but an already running centre
          --node-config FILE       extra HOCON for the local node (--config); --node-arg ARG (repeatable)
          --data-dir DIR --keep-data
          --journal-wal            experiment: the local node's SQLite journal files are created in WAL mode (synchronous FULL kept)
          --echo host:port         baselines against a running echo server; --echo-in-process
        output:
          --out DIR                (default perf/results/<time>-<scenario>); report.txt/json/html, timeline.csv, ...
          --label TEXT --quiet --fail-on-error
          --id-tag TAG             4 characters in the run's merchant ids (default random); --skip-registration: they are registered
          --profile S              S seconds of the node and centre after warm-up of the main load: dotnet-trace thread-time
                                   samples (top methods), dotnet-counters (System.Runtime), dotnet-stack (local tools)
          --expect-throughput N --expect-p99-ms N --expect-p999-ms N --expect-storm-s N --expect-node-rss-mb N
        other commands:
          loadrun echo-server --port P [--mirror]    the baseline echo server as its own process
        """;

    public static RunOptions Parse(string[] args)
    {
        var o = new RunOptions();
        var i = 0;
        if (args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
            o.Scenario = args[i++];
        string Next(string flag) => i < args.Length ? args[i++] : throw new ArgumentException($"{flag} needs a value.");
        while (i < args.Length)
        {
            var flag = args[i++];
            switch (flag)
            {
                case "--terminals": o.Terminals = Int(Next(flag)); break;
                case "--registered": o.Registered = Int(Next(flag)); break;
                case "--per-merchant": o.TerminalsPerMerchant = Int(Next(flag)); break;
                case "--rate":
                    foreach (var part in Next(flag).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var rs = part.Split(':');
                        o.Rate.Add(new RateStep(Dbl(rs[0]), rs.Length > 1 ? Dbl(rs[1]) : double.NaN));
                    }
                    break;
                case "--closed": o.Closed = true; break;
                case "--concurrency":
                    o.Concurrency.AddRange(Next(flag).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Int));
                    break;
                case "--duration": o.DurationSeconds = Dbl(Next(flag)); break;
                case "--warmup": o.WarmupSeconds = Dbl(Next(flag)); break;
                case "--baseline": o.Baselines.AddRange(Next(flag).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                case "--baseline-duration": o.BaselineSeconds = Dbl(Next(flag)); break;
                case "--mix":
                    o.Mix.Clear();
                    foreach (var part in Next(flag).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var kv = part.Split('=');
                        var kind = kv[0].ToLowerInvariant();
                        if (kind is not ("purchase" or "balance" or "void" or "reversal" or "echo"))
                            throw new ArgumentException($"--mix: unknown kind '{kv[0]}' (purchase, balance, void, reversal, echo).");
                        o.Mix[kind] = kv.Length > 1 ? Int(kv[1]) : 1;
                    }
                    break;
                case "--cards": (o.FirstCard, o.LastCard) = Range(Next(flag)); break;
                case "--amount": { var (a, b) = Range(Next(flag)); (o.MinAmount, o.MaxAmount) = (a, b); break; }
                case "--timeout": o.AnswerTimeoutSeconds = Dbl(Next(flag)); break;
                case "--storm-concurrency": o.StormConcurrency = Int(Next(flag)); break;
                case "--settle-purchases": o.SettlePurchases = Int(Next(flag)); break;
                case "--admin-concurrency": o.AdminConcurrency = Int(Next(flag)); break;
                case "--node": o.Node = Next(flag); break;
                case "--admin": o.Admin = Next(flag); break;
                case "--token": o.Token = Next(flag); break;
                case "--kbpk": o.Kbpk = Next(flag); break;
                case "--central": o.Central = Next(flag); break;
                case "--node-config": o.NodeConfig = Path.GetFullPath(Next(flag)); break;
                case "--node-arg": o.NodeArgs.Add(Next(flag)); break;
                case "--node-pid": o.NodePid = Int(Next(flag)); break;
                case "--central-pid": o.CentralPid = Int(Next(flag)); break;
                case "--data-dir": o.DataDir = Path.GetFullPath(Next(flag)); break;
                case "--keep-data": o.KeepData = true; break;
                case "--echo": o.EchoAddress = Next(flag); break;
                case "--echo-in-process": o.EchoInProcess = true; break;
                case "--out": o.Out = Next(flag); break;
                case "--label": o.Label = Next(flag); break;
                case "--id-tag": o.IdTag = Next(flag); break;
                case "--quiet": o.Quiet = true; break;
                case "--fail-on-error": o.FailOnError = true; break;
                case "--journal-wal": o.JournalWal = true; break;
                case "--skip-registration": o.SkipRegistration = true; break;
                case "--profile": o.ProfileSeconds = Dbl(Next(flag)); break;
                case "--expect-throughput": o.ExpectThroughput = Dbl(Next(flag)); break;
                case "--expect-p99-ms": o.ExpectP99Ms = Dbl(Next(flag)); break;
                case "--expect-p999-ms": o.ExpectP999Ms = Dbl(Next(flag)); break;
                case "--expect-storm-s": o.ExpectStormSeconds = Dbl(Next(flag)); break;
                case "--expect-node-rss-mb": o.ExpectNodeRssMb = Dbl(Next(flag)); break;
                default: throw new ArgumentException($"Unknown option '{flag}'.");
            }
        }

        if (o.Scenario is not ("purchase" or "signon-storm" or "settlement" or "echo"))
            throw new ArgumentException($"Unknown scenario '{o.Scenario}'.");
        if (o.Terminals < 1) throw new ArgumentException("--terminals must be at least 1.");
        if (o.Registered < o.Terminals) o.Registered = o.Terminals;
        if (o.Registered > 999_999) throw new ArgumentException("--registered: at most 999,999.");
        if (o.FirstCard < 1 || o.LastCard > 10000 || o.FirstCard > o.LastCard) throw new ArgumentException("--cards: within 1-10000.");
        if (o.MinAmount < 1 || o.MaxAmount < o.MinAmount) throw new ArgumentException("--amount: A-B with 1 <= A <= B.");
        if (o.Mix.Values.Sum() <= 0) throw new ArgumentException("--mix: the weights add up to nothing.");
        // A single rate without a step length runs for warm-up + duration; explicit steps set the length.
        if (o.Rate.Any(r => !double.IsNaN(r.Seconds)))
        {
            if (o.Rate.Any(r => double.IsNaN(r.Seconds))) throw new ArgumentException("--rate steps: R:S,R:S,...");
            o.DurationSeconds = Math.Max(1, o.Rate.Sum(r => r.Seconds) - o.WarmupSeconds);
        }
        else if (o.Rate.Count > 1) throw new ArgumentException("--rate steps: R:S,R:S,...");
        else if (o.Rate.Count == 1) o.Rate[0] = o.Rate[0] with { Seconds = o.WarmupSeconds + o.DurationSeconds };
        if (o.Scenario == "echo" && o.Baselines.Count == 0) o.Baselines.AddRange(["raw", "pos"]);
        foreach (var b in o.Baselines)
            if (b is not ("raw" or "pos")) throw new ArgumentException($"--baseline: raw or pos, not '{b}'.");
        if (o.BaselineSeconds < 0) o.BaselineSeconds = o.DurationSeconds;
        if (o.Node is not null && o.Admin is null && o.Scenario != "echo")
            throw new ArgumentException("--node needs --admin (the operator API, e.g. http://127.0.0.1:5880).");
        if (o.SkipRegistration && o.IdTag is null) throw new ArgumentException("--skip-registration needs --id-tag (the tag of the run that registered them).");
        if (o.IdTag is { Length: not 4 }) throw new ArgumentException("--id-tag: 4 letters or digits.");
        if (string.IsNullOrEmpty(o.Out))
            o.Out = Path.Combine(BuildLayout.RepositoryRoot, "perf", "ActorSwitch.LoadRunner", "results", DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + o.Scenario);
        return o;
    }

    private static int Int(string s) => int.Parse(s.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Dbl(string s) => double.Parse(s.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static (int, int) Range(string s)
    {
        var p = s.Split('-');
        return p.Length == 2 ? (Int(p[0]), Int(p[1])) : (Int(p[0]), Int(p[0]));
    }
}

/// <summary>An open-loop step: this many arrivals per second for this many seconds.</summary>
public readonly record struct RateStep(double PerSecond, double Seconds);
