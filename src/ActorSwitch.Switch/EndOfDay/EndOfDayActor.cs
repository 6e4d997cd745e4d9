using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ActorSwitch.Switch.Centre;
using ActorSwitch.Switch.Clock;
using ActorSwitch.Switch.Registry;
using ActorSwitch.Switch.Terminals;

namespace ActorSwitch.Switch.EndOfDay;

/// <summary>What the end-of-day actor uses from its node.</summary>
public sealed class EndOfDayServices
{
    public required EndOfDaySettings Settings { get; init; }
    public required SettlementCalendar Calendar { get; init; }
    public required RegistryView Registry { get; init; }
    public required HttpClient Http { get; init; }
    public IActorRef StoreAndForward { get; set; } = ActorRefs.Nobody;
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Waits until every journal write that began before this call has committed or failed, so that
    /// no event ordered before the cut-off marker can still appear behind it. Null where the journal
    /// commits in order anyway (SQLite: one writer).
    /// </summary>
    public Func<CancellationToken, Task>? JournalBarrier { get; init; }
}

/// <summary>
/// End of day, one per cluster (a persistent singleton). A run is a sequence of steps (see
/// <see cref="EndOfDaySteps"/>), each ending with a durable checkpoint event: the tagged cut-off
/// marker, then one <see cref="EndOfDayStepDone"/> per step carrying the checksums of the files the
/// step wrote under <c>&lt;data-dir&gt;/eod/&lt;date&gt;/</c>. After a crash the actor recovers its
/// checkpoints and resumes every unclosed day at the step after its last checkpoint; every step is
/// a function of the checkpoints and files before it, so the reports are the same as an uninterrupted
/// run's. Days run one at a time, oldest first. A closed day is never run again.
/// </summary>
public sealed class EndOfDayActor : ReceivePersistentActor, IWithTimers
{
    public const string PersistenceIdValue = "end-of-day";
    private const string DayFileName = "day-file.csv";
    private const string CentreFileName = "centre-clearing.csv";

    private readonly EndOfDayServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SortedDictionary<DateOnly, DayRun> _days = new();
    private DateOnly? _running;
    private IMaterializer? _materializer;

    private IMaterializer Materializer => _materializer ??= Context.Materializer();

    public EndOfDayActor(EndOfDayServices services)
    {
        _services = services;
        Recover<EndOfDayCutOff>(c =>
        {
            _days[c.Date] = new DayRun(c.Date) { Step = EndOfDaySteps.CutOff, CutOffAt = c.At };
            _services.Calendar.CloseEarly(c.Date, c.At);
        });
        Recover<EndOfDayStepDone>(Apply);
        Recover<RecoveryCompleted>(_ => Self.Tell(ResumeNext.Instance));
        Command<RunEndOfDay>(OnRun);
        Command<GetEndOfDayStatus>(_ => Sender.Tell(Status()));
        Command<ResumeNext>(_ => StartNextDay());
        Command<StepFinished>(OnStepFinished);
        Command<StepFailed>(OnStepFailed);
        Command<RetryStep>(r => RunStep(_days[r.Date], r.Step));
        Command<GetEndOfDayReport>(OnGetReport);
    }

    public override string PersistenceId => PersistenceIdValue;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(EndOfDayServices services) => Akka.Actor.Props.Create(() => new EndOfDayActor(services));

    private EndOfDaySettings Settings => _services.Settings;

    private void Apply(EndOfDayStepDone done)
    {
        var day = _days[done.Date];
        day.Step = done.Step;
        day.LastError = null;
        foreach (var (k, v) in done.Outputs) day.Outputs[k] = v;
    }

    private void OnRun(RunEndOfDay run)
    {
        var now = _services.Time.GetUtcNow();
        var date = run.Date ?? _services.Calendar.SettlementDate(now);
        if (_days.TryGetValue(date, out var known))
        {
            Sender.Tell(known.Closed
                ? new RunEndOfDayAnswer(date, "closed", $"end of day {Day(date)} is closed already: nothing to do")
                : new RunEndOfDayAnswer(date, "running", $"end of day {Day(date)} is running (step {known.Step})"));
            return;
        }
        if (date > _services.Calendar.SettlementDate(now))
        {
            Sender.Tell(new RunEndOfDayAnswer(date, "refused", $"{Day(date)} has not started yet"));
            return;
        }
        var sender = Sender;
        // This node's calendar moves to the next day first (the other nodes follow the marker through
        // the journal), so nothing stamped with the day can start after the marker here.
        _services.Calendar.CloseEarly(date, now);
        // The marker goes into the "txn" stream: collection reads up to it.
        Persist(new Tagged(new EndOfDayCutOff(date, now), [TransactionTagger.Tag]), _ =>
        {
            _days[date] = new DayRun(date) { Step = EndOfDaySteps.CutOff, CutOffAt = now };
            _log.Info("End of day {0}: cut-off marker written at {1:O}", Day(date), now);
            sender.Tell(new RunEndOfDayAnswer(date, "started", $"end of day {Day(date)} started"));
            ExitIfAsked(EndOfDaySteps.CutOff);
            Self.Tell(ResumeNext.Instance);
        });
    }

    private void StartNextDay()
    {
        if (_running is not null) return;
        var day = _days.Values.FirstOrDefault(d => !d.Closed);
        if (day is null) return;
        _running = day.Date;
        RunStep(day, EndOfDaySteps.After(day.Step)!);
    }

    private void RunStep(DayRun day, string step)
    {
        _log.Info("End of day {0}: step {1}", Day(day.Date), step);
        day.Current = step;
        var context = ContextFor(day);
        Execute(step, context).PipeTo(Self,
            success: outputs => new StepFinished(day.Date, step, outputs),
            failure: e => new StepFailed(day.Date, step, e.GetBaseException().Message));
    }

    private void OnStepFinished(StepFinished finished)
    {
        ExitIfAsked(finished.Step + EndOfDaySteps.BeforeCheckpoint);
        var done = new EndOfDayStepDone(finished.Date, finished.Step, _services.Time.GetUtcNow(),
            finished.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal).ToList());
        Persist(done, e =>
        {
            Apply(e);
            var day = _days[e.Date];
            day.Current = null;
            _log.Info("End of day {0}: step {1} done{2}", Day(e.Date), e.Step,
                e.Outputs.Count == 0 ? "" : " (" + string.Join(", ", e.Outputs.Select(o => o.Key + "=" + o.Value)) + ")");
            ExitIfAsked(e.Step);
            if (day.Closed)
            {
                _running = null;
                Self.Tell(ResumeNext.Instance);
            }
            else RunStep(day, EndOfDaySteps.After(e.Step)!);
        });
    }

    private void OnStepFailed(StepFailed failed)
    {
        var day = _days[failed.Date];
        day.LastError = $"{failed.Step}: {failed.Error}";
        _log.Warning("End of day {0}: step {1} failed ({2}); trying again in {3}", Day(failed.Date), failed.Step, failed.Error, Settings.RetryInterval);
        Timers.StartSingleTimer("retry", new RetryStep(failed.Date, failed.Step), Settings.RetryInterval);
    }

    /// <summary>
    /// The test-only hook: the process dies (a real kill) right after the named step's checkpoint, or, for
    /// <c>step:before-checkpoint</c>, once the step's work is done but before its checkpoint. Development mode only.
    /// </summary>
    private void ExitIfAsked(string step)
    {
        if (!string.Equals(Settings.ExitAt, step, StringComparison.Ordinal)) return;
        // Once per data directory: a kill before a checkpoint would otherwise recur on every restart.
        var fired = Path.Combine(Settings.DataDir, "eod-exit-hook-fired-" + step.Replace(':', '-'));
        if (File.Exists(fired)) return;
        File.WriteAllText(fired, step);
        _log.Warning("End of day: test hook, killing the process at {0}", step);
        Process.GetCurrentProcess().Kill();
    }

    /// <summary>
    /// A closed day's report, for an operator API on any node. The reports are files of the node that
    /// ran the day; if the singleton has moved since, they are written again here from the day's
    /// checkpoints (the same rows; only the generation time differs).
    /// </summary>
    private void OnGetReport(GetEndOfDayReport ask)
    {
        if (!_days.TryGetValue(ask.Date, out var day) || !day.Closed)
        {
            Sender.Tell(new EndOfDayReport(ask.Date, ask.Name, null, $"end of day {Day(ask.Date)} is not closed"));
            return;
        }
        var context = ContextFor(day);
        var path = Path.Combine(context.Directory, ask.Name);
        ReadReportAsync(context, path).PipeTo(Sender,
            success: content => new EndOfDayReport(ask.Date, ask.Name, content, null),
            failure: e => new EndOfDayReport(ask.Date, ask.Name, null, e.GetBaseException().Message));
    }

    private static async Task<string> ReadReportAsync(StepContext c, string path)
    {
        if (!File.Exists(path)) await ReportAsync(c);
        return await File.ReadAllTextAsync(path);
    }

    private EndOfDayStatus Status()
    {
        var today = _services.Calendar.SettlementDate(_services.Time.GetUtcNow());
        var days = _days.Values.Select(d => new EndOfDayDayStatus(d.Date, d.Closed ? "closed" : "running", d.Current ?? d.Step, d.CutOffAt,
            d.LastError, new Dictionary<string, string>(d.Outputs))).ToList();
        if (!_days.ContainsKey(today))
            days.Add(new EndOfDayDayStatus(today, "open", "", null, null, new Dictionary<string, string>()));
        return new EndOfDayStatus(today, days.OrderBy(d => d.Date).ToList());
    }

    /// <summary>What a step (or a report written again) works from: the day's checkpoints and its folder.</summary>
    private StepContext ContextFor(DayRun day) => new(day.Date, new Dictionary<string, string>(day.Outputs),
        day.CutOffAt ?? _services.Time.GetUtcNow(), Context.System, Materializer, _services, DirectoryOf(day.Date));

    private string DirectoryOf(DateOnly date) => Path.Combine(Settings.DataDir, "eod", Day(date));

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // ---- the steps: each a function of the earlier checkpoints (outputs) and files ----

    private static Task<Dictionary<string, string>> Execute(string step, StepContext c) => step switch
    {
        EndOfDaySteps.Drain => DrainAsync(c),
        EndOfDaySteps.Collect => CollectAsync(c),
        EndOfDaySteps.Upload => UploadAsync(c),
        EndOfDaySteps.FetchClearing => FetchClearingAsync(c),
        EndOfDaySteps.Reconcile => Task.Run(() => ReconcileAsync(c)),
        EndOfDaySteps.Report => Task.Run(() => ReportAsync(c)),
        EndOfDaySteps.Close => Task.FromResult(new Dictionary<string, string>()),
        _ => throw new InvalidOperationException($"unknown step {step}"),
    };

    /// <summary>Waits until the store-and-forward queues are empty, or the grace period expires.</summary>
    private static async Task<Dictionary<string, string>> DrainAsync(StepContext c)
    {
        var deadline = c.Services.Time.GetUtcNow() + c.Services.Settings.DrainGrace;
        while (true)
        {
            var depths = await Task.WhenAll(StoreAndForwardQueues.All.Select(q =>
                c.Services.StoreAndForward.Ask<QueueDepth>(new GetQueueDepth(q), TimeSpan.FromSeconds(10))));
            var pending = depths.Sum(d => d.Depth);
            var expired = c.Services.Time.GetUtcNow() >= deadline;
            if (pending == 0 || expired)
                return new() { ["saf.pending"] = pending.ToString(CultureInfo.InvariantCulture), ["saf.graceExpired"] = expired ? "true" : "false" };
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>
    /// Reads the "txn" stream: everything up to the day's cut-off marker, and after it only what still
    /// belongs to the day: the outcomes of the day's transactions that were in flight at the marker, and
    /// transactions a node stamped with the day before it heard of the marker. Both have stopped coming
    /// once the settle window after the marker has passed (the calendar flip has reached every node and
    /// every answer deadline has expired), so the read waits for it and then gives the same day whenever
    /// it runs. Reversals, voids and uploads after the marker belong to the next day. The marker was
    /// committed after every event before it (SQLite: one writer; PostgreSQL: the barrier); if the read
    /// journal has not delivered the marker yet, the step fails and is tried again: never a partial day.
    /// </summary>
    private static async Task<Dictionary<string, string>> CollectAsync(StepContext c)
    {
        var settled = c.CutOffAt + c.Services.Settings.SettleWindow - c.Services.Time.GetUtcNow();
        if (settled > TimeSpan.Zero) await Task.Delay(settled);
        // On a journal with concurrent writers (PostgreSQL) an event can take its place in the order before
        // the marker yet commit after it: first wait out every write that began before now (the marker is
        // committed already), then read up to the marker.
        if (c.Services.JournalBarrier is { } barrier) await barrier(CancellationToken.None);
        var journal = PersistenceQuery.Get(c.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var collector = new DayCollector(c.Date);
        long marker = -1, events = 0;
        await journal.CurrentEventsByTag(TransactionTagger.Tag, Offset.NoOffset())
            .RunForeach(e =>
            {
                if (e.Event is EndOfDayCutOff m && m.Date == c.Date) marker = ((Sequence)e.Offset).Value;
                else if (marker < 0 ? collector.Add(e.PersistenceId, e.Event) : collector.AddAfterCutOff(e.PersistenceId, e.Event))
                    events++;
            }, c.Materializer);
        if (marker < 0) throw new InvalidOperationException("the cut-off marker is not readable yet");
        var transactions = collector.Result();
        var file = DayFile.Write(c.Date, c.Services.Settings.Acquirer, transactions);
        Directory.CreateDirectory(c.WorkDir);
        EndOfDayReports.WriteAtomically(Path.Combine(c.WorkDir, DayFileName), file);
        var totals = Totals.Of(transactions);
        return new()
        {
            ["collect.markerOffset"] = marker.ToString(CultureInfo.InvariantCulture),
            ["collect.events"] = events.ToString(CultureInfo.InvariantCulture),
            ["dayFile.sha256"] = DayFile.Sha256(file),
            ["dayFile.count"] = transactions.Count.ToString(CultureInfo.InvariantCulture),
            ["dayFile.debitFen"] = totals.DebitFen.ToString(CultureInfo.InvariantCulture),
            ["dayFile.creditFen"] = totals.CreditFen.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static async Task<Dictionary<string, string>> UploadAsync(StepContext c)
    {
        var gateway = c.Services.Settings.Gateway ?? throw new InvalidOperationException("no centre gateway configured (actorswitch.end-of-day.centre-gateway)");
        var file = await ReadCheckedAsync(c, DayFileName, "dayFile.sha256");
        using var response = await c.Services.Http.PostAsync(new Uri(gateway, $"eod/{c.Services.Settings.Acquirer}/{Day(c.Date)}/file"),
            new StringContent(file, Encoding.UTF8, "text/csv"));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            throw new InvalidOperationException($"the centre refused the upload: {(int)response.StatusCode} {body}");
        return new() { ["upload.status"] = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) };
    }

    private static async Task<Dictionary<string, string>> FetchClearingAsync(StepContext c)
    {
        var gateway = c.Services.Settings.Gateway ?? throw new InvalidOperationException("no centre gateway configured");
        using var response = await c.Services.Http.GetAsync(new Uri(gateway, $"eod/{c.Services.Settings.Acquirer}/{Day(c.Date)}/clearing"));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"no clearing file from the centre: {(int)response.StatusCode} {body}");
        Reconciliation.ParseCentreFile(body, c.Services.Settings.Acquirer); // a malformed file fails here, not later
        Directory.CreateDirectory(c.WorkDir);
        EndOfDayReports.WriteAtomically(Path.Combine(c.WorkDir, CentreFileName), body);
        return new() { ["centreFile.sha256"] = DayFile.Sha256(body) };
    }

    private static async Task<Dictionary<string, string>> ReconcileAsync(StepContext c)
    {
        var (_, lines, clearing) = await ComputeAsync(c);
        return new()
        {
            ["reconcile.matched"] = lines.Count(l => l.Status == ReconciliationStatus.Matched).ToString(CultureInfo.InvariantCulture),
            ["reconcile.onlyOurs"] = lines.Count(l => l.Status == ReconciliationStatus.OnlyOurs).ToString(CultureInfo.InvariantCulture),
            ["reconcile.onlyCentre"] = lines.Count(l => l.Status == ReconciliationStatus.OnlyCentre).ToString(CultureInfo.InvariantCulture),
            ["reconcile.amountMismatch"] = lines.Count(l => l.Status == ReconciliationStatus.AmountMismatch).ToString(CultureInfo.InvariantCulture),
            ["clearing.merchants"] = clearing.Count.ToString(CultureInfo.InvariantCulture),
            ["clearing.feeRates"] = string.Join(';', clearing.Select(m => m.MerchantId + "=" + m.FeeRateBasisPoints.ToString(CultureInfo.InvariantCulture))),
        };
    }

    private static async Task<Dictionary<string, string>> ReportAsync(StepContext c)
    {
        var (transactions, lines, clearing) = await ComputeAsync(c);
        EndOfDayReports.Write(c.Directory, c.Date, c.Services.Time.GetUtcNow(), transactions, lines, clearing);
        return EndOfDayReports.Names.ToDictionary(n => $"report.{n}.csv.sha256",
            n => DayFile.Sha256(File.ReadAllText(Path.Combine(c.Directory, n + ".csv"))));
    }

    /// <summary>Reconciliation and clearing from the checked work files; fee rates as recorded by the reconcile step when it ran.</summary>
    private static async Task<(IReadOnlyList<DayTransaction>, IReadOnlyList<ReconciliationLine>, IReadOnlyList<MerchantClearingLine>)> ComputeAsync(StepContext c)
    {
        var transactions = DayFileReader.Read(await ReadCheckedAsync(c, DayFileName, "dayFile.sha256"));
        var centre = Reconciliation.ParseCentreFile(await ReadCheckedAsync(c, CentreFileName, "centreFile.sha256"), c.Services.Settings.Acquirer);
        var recorded = c.Outputs.TryGetValue("clearing.feeRates", out var rates) && rates.Length > 0
            ? rates.Split(';').Select(r => r.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture))
            : null;
        // Fee rates are read from the registry once (reconcile step) and recorded in its checkpoint, so a
        // resumed report uses the same rates. A merchant of the day that the registry view does not know
        // yet means the view is still loading after a restart: the step fails and is tried again.
        int RateOf(string merchant) => recorded is not null && recorded.TryGetValue(merchant, out var rate) ? rate
            : c.Services.Registry.FindMerchant(merchant)?.FeeRateBasisPoints
              ?? throw new InvalidOperationException($"merchant {merchant} is not in the registry view (yet)");
        return (transactions, Reconciliation.Reconcile(transactions, centre), MerchantClearing.Compute(transactions, RateOf));
    }

    /// <summary>
    /// A work file of an earlier step, checked against that step's checkpoint. In a cluster the
    /// singleton may have moved since the file was written on another node's disk: then the step that
    /// wrote it is done again here (collection reads up to the same marker, the centre serves the same
    /// file) and must give the checksum of its checkpoint, or the day stops with the reason.
    /// </summary>
    private static async Task<string> ReadCheckedAsync(StepContext c, string name, string checksumKey)
    {
        var path = Path.Combine(c.WorkDir, name);
        if (!File.Exists(path))
        {
            if (name == DayFileName) await CollectAsync(c);
            else if (name == CentreFileName) await FetchClearingAsync(c);
        }
        var content = await File.ReadAllTextAsync(path);
        if (!c.Outputs.TryGetValue(checksumKey, out var expected) || DayFile.Sha256(content) != expected)
            throw new InvalidOperationException($"{name} does not match the checksum of its checkpoint");
        return content;
    }

    private sealed class DayRun(DateOnly date)
    {
        public DateOnly Date { get; } = date;
        public string Step { get; set; } = "";
        public string? Current { get; set; }
        public DateTimeOffset? CutOffAt { get; set; }
        public string? LastError { get; set; }
        public Dictionary<string, string> Outputs { get; } = new(StringComparer.Ordinal);
        public bool Closed => Step == EndOfDaySteps.Close;
    }

    private sealed record StepContext(DateOnly Date, Dictionary<string, string> Outputs, DateTimeOffset CutOffAt, ActorSystem System,
        IMaterializer Materializer, EndOfDayServices Services, string Directory)
    {
        public string WorkDir => Path.Combine(Directory, "work");
    }

    private sealed record StepFinished(DateOnly Date, string Step, Dictionary<string, string> Outputs);

    private sealed record StepFailed(DateOnly Date, string Step, string Error);

    private sealed record RetryStep(DateOnly Date, string Step);

    private sealed record ResumeNext
    {
        public static readonly ResumeNext Instance = new();
    }
}
