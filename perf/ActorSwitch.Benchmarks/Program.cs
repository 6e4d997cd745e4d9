using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;

namespace ActorSwitch.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project perf/ActorSwitch.Benchmarks -- --filter '*'</c>.
/// Every BenchmarkDotNet command-line option works (e.g. <c>--filter '*Codec*'</c>, <c>--list flat</c>).
/// <c>--inprocess</c> runs them in this process (see <see cref="SuiteConfig"/>).
/// <c>--check</c> only runs each class's set-up checks and each benchmark once (seconds, no measurement).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["--check"])
            return Check();
        var inProcess = args.Contains("--inprocess");
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(args.Where(a => a != "--inprocess").ToArray(), new SuiteConfig(inProcess));
        return 0;
    }

    private static int Check()
    {
        var classes = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null));
        foreach (var type in classes.OrderBy(t => t.Name))
        {
            var instance = Activator.CreateInstance(type)!;
            foreach (var setup in type.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null))
                setup.Invoke(instance, null);
            foreach (var benchmark in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
                Console.WriteLine($"{type.Name}.{benchmark.Name}: {benchmark.Invoke(instance, null)}");
        }
        Console.WriteLine("All set-up checks passed.");
        return 0;
    }
}
