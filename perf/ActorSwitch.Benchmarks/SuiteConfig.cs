using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ActorSwitch.Benchmarks;

/// <summary>
/// One short job for the whole suite, so that it finishes in a few minutes on a shared 2-core machine:
/// 1 launch, 3 warm-up and 10 measured iterations of about 250 ms each. BenchmarkDotNet's default
/// toolchain (a generated project, built once, each benchmark in its own process); with
/// <c>--inprocess</c>, the in-process toolchain instead (no extra build; less isolation).
/// </summary>
public sealed class SuiteConfig : ManualConfig
{
    public SuiteConfig(bool inProcess = false)
    {
        var job = Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            .WithId("Short");
        AddJob(inProcess ? job.WithToolchain(InProcessEmitToolchain.Instance) : job);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddColumn(StatisticColumn.Median);
        AddLogger(ConsoleLogger.Default);
        AddExporter(MarkdownExporter.GitHub);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        WithOptions(ConfigOptions.JoinSummary);
    }
}
