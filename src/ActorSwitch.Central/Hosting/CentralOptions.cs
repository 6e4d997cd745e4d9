using System.Globalization;

namespace ActorSwitch.Central.Hosting;

/// <summary>
/// The simulator's command line. Flags only (no configuration files): a parent process or a test
/// starts it with everything it needs on one line.
/// </summary>
public sealed record CentralOptions
{
    /// <summary>Address of the central host link and the control API (loopback by default).</summary>
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 5900;
    public int AdminPort { get; init; } = 5990;
    public string DataDir { get; init; } = "./central-data";
    public bool Dev { get; init; }
    /// <summary>The centre's own institution id (F100 of the requests it receives).</summary>
    public string Institution { get; init; } = "00010000";
    /// <summary>How long superseded zone keys still verify, so that answers in flight are not lost.</summary>
    public TimeSpan KeyGrace { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>A connection silent this long is closed (central.md: 90 s).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(90);
    /// <summary>SQLite synchronous mode: FULL (fsync at every group commit) or NORMAL (no fsync; survives a
    /// process crash but not a power cut).</summary>
    public string Synchronous { get; init; } = "FULL";
    public string TimeZone { get; init; } = "Asia/Shanghai";
    public TimeOnly CutOff { get; init; } = new(23, 0);
    /// <summary>A process that started this one: when it is gone, so is this (no orphan after a kill -9 of a node).</summary>
    public int? ParentPid { get; init; }
    /// <summary>Largest amount accepted in one transaction; above it the answer is 13.</summary>
    public long MaxAmountFen { get; init; } = 9_999_999_999;

    public static string Usage =>
        """
        ActorSwitch.Central: the central-platform simulator (docs/interfaces/central.md).
          --port P                 central host link (default 5900)
          --admin-port A           loopback control API (default 5990)
          --host H                 listen address (default 127.0.0.1)
          --data-dir D             ledger and clearing files (default ./central-data)
          --dev                    development mode: demo LMK and ZMK, seeds 10,000 test cards
          --institution ID         the centre's institution id (default 00010000)
          --key-grace-seconds S    superseded zone keys stay valid S seconds (default 300)
          --idle-timeout-seconds S close connections silent S seconds (default 90)
          --synchronous FULL|NORMAL  SQLite durability at each group commit (default FULL)
          --time-zone TZ --cut-off HH:mm   settlement date (default Asia/Shanghai, 23:00)
          --parent-pid PID         exit when process PID ends (a node that started this simulator)
        Outside --dev, LMK and ZMK components come from CENTRAL_LMK_COMPONENTS and
        CENTRAL_ZMK_COMPONENTS (comma-separated hex, at least two each).
        """;

    /// <summary>Parses the flags; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public static CentralOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CentralOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{flag} needs a value.");
            options = flag switch
            {
                "--port" => options with { Port = PortNumber(flag, Value()) },
                "--admin-port" => options with { AdminPort = PortNumber(flag, Value()) },
                "--host" => options with { Host = Value() },
                "--data-dir" => options with { DataDir = Value() },
                "--dev" => options with { Dev = true },
                "--institution" => options with { Institution = Digits(flag, Value(), 11) },
                "--key-grace-seconds" => options with { KeyGrace = TimeSpan.FromSeconds(Number(flag, Value(), 0, 86_400)) },
                "--idle-timeout-seconds" => options with { IdleTimeout = TimeSpan.FromSeconds(Number(flag, Value(), 1, 86_400)) },
                "--synchronous" => options with { Synchronous = SynchronousMode(Value()) },
                "--time-zone" => options with { TimeZone = Value() },
                "--cut-off" => options with { CutOff = TimeOnly.ParseExact(Value(), "HH:mm", CultureInfo.InvariantCulture) },
                "--parent-pid" => options with { ParentPid = Number(flag, Value(), 1, int.MaxValue) },
                _ => throw new ArgumentException($"Unknown flag {flag}."),
            };
        }
        if (options.Port == options.AdminPort) throw new ArgumentException("--port and --admin-port must differ.");
        return options;
    }

    private static int PortNumber(string flag, string text) => Number(flag, text, 1, 65535);

    private static int Number(string flag, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n : throw new ArgumentException($"{flag} takes a number from {min} to {max}, not '{text}'.");

    private static string Digits(string flag, string text, int maxLength) =>
        text.Length is > 0 && text.Length <= maxLength && text.All(char.IsAsciiDigit)
            ? text : throw new ArgumentException($"{flag} takes 1 to {maxLength} digits, not '{text}'.");

    private static string SynchronousMode(string text) => text.ToUpperInvariant() switch
    {
        "FULL" => "FULL",
        "NORMAL" => "NORMAL",
        _ => throw new ArgumentException($"--synchronous takes FULL or NORMAL, not '{text}'."),
    };
}
