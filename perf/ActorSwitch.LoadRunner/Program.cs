using ActorSwitch.LoadRunner;

// ActorSwitch load runner: see RunOptions.Usage and docs/performance.md.
if (args.Length > 0 && args[0] == "echo-server")
    return await EchoServerCommand.RunAsync(args[1..]);
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(RunOptions.Usage);
    return 0;
}

RunOptions options;
try
{
    options = RunOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or IndexOutOfRangeException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(RunOptions.Usage);
    return 2;
}

return await new LoadRun(options).RunAsync();

/// <summary><c>loadrun echo-server --port P [--mirror]</c>: the baseline's server as its own process, until killed or stdin closes.</summary>
internal static class EchoServerCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = 0;
        var mirror = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--port") port = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            else if (args[i] == "--mirror") mirror = true;
        }
        await using var server = EchoServer.Start(port, mirror);
        Console.WriteLine($"Echo server listening on 127.0.0.1:{server.Port} ({(mirror ? "mirror" : "plain")})");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        return 0;
    }
}
