using Akka.Configuration;
using ActorSwitch.Switch.Centre;
using ActorSwitch.Switch.Clock;
using ActorSwitch.Switch.Risk;
using ActorSwitch.Switch.Terminals;

namespace ActorSwitch.Node.Hosting;

/// <summary>
/// The node's HOCON, read once: hocon/akka.conf, hocon/switch.conf, hocon/dev.conf in development
/// mode, and the persistence profile, with the node's own values on top. Typed settings for the
/// platform's parts are read from the <c>actorswitch</c> section of the same configuration.
/// </summary>
public sealed class PlatformConfig
{
    private PlatformConfig(Config config, NodeOptions options)
    {
        Config = config;
        Options = options;
    }

    public Config Config { get; }
    public NodeOptions Options { get; }

    public static PlatformConfig Load(NodeOptions options)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "hocon");
        string Read(string file) => File.ReadAllText(Path.Combine(dir, file));
        // Later text wins. The persistence profile refers to the connection strings by substitution,
        // and HOCON resolves substitutions within one parse, so everything is parsed together.
        var text = string.Join("\n",
            Read("akka.conf"),
            Read("switch.conf"),
            options.Dev ? Read("dev.conf") : "",
            AkkaWiring.PersistenceConnections(options),
            Read(AkkaWiring.PersistenceProfile(options)),
            options.Config is { Length: > 0 } extra ? File.ReadAllText(extra) : "",
            options.Centre is { Length: > 0 } centre ? $"actorswitch.centre.address = \"{centre}\"" : "");
        return new PlatformConfig(ConfigurationFactory.ParseString(text), options);
    }

    private Config Section(string path) => Config.GetConfig("actorswitch." + path);

    public SettlementCalendar Calendar()
    {
        var p = Section("province");
        return new SettlementCalendar(TimeZoneInfo.FindSystemTimeZoneById(p.GetString("time-zone")), TimeOnly.Parse(p.GetString("cut-off")));
    }

    public string AcquirerId => Section("province").GetString("acquirer-id");

    public PosListenerSettings Pos()
    {
        var p = Section("pos");
        return new PosListenerSettings(p.GetInt("max-frame-length"), p.GetTimeSpan("idle-timeout"), p.GetInt("max-connections"),
            p.GetInt("max-in-flight-per-connection"));
    }

    public TerminalSettings Terminals()
    {
        var t = Section("terminals");
        var models = Objects(t, "models").ToDictionary(
            m => m.GetString("name"),
            m => new TerminalModel(m.GetBoolean("allow-single-des-sign-on", false), m.GetBoolean("double-length-mac-key", false)));
        return new TerminalSettings
        {
            AnswerDeadline = t.GetTimeSpan("answer-deadline"),
            SignOnsPerMinute = t.GetInt("sign-ons-per-minute"),
            RefundWindow = t.GetTimeSpan("refund-window"),
            AcquirerId = AcquirerId,
            Models = models,
        };
    }

    public RiskSettings Risk()
    {
        var r = Section("risk");
        var hours = r.GetConfig("trading-hours");
        return new RiskSettings
        {
            TradingHours = hours.GetBoolean("enabled") ? (TimeOnly.Parse(hours.GetString("start")), TimeOnly.Parse(hours.GetString("end"))) : null,
            DefaultTransactionLimit = r.GetLong("default-transaction-limit"),
            TransactionLimitByMcc = Objects(r, "transaction-limits").ToDictionary(l => l.GetString("mcc"), l => l.GetLong("limit")),
            CardDailyAmount = r.GetLong("card.daily-amount"),
            CardDailyCount = r.GetInt("card.daily-count"),
            CardVelocityCount = r.GetInt("card.velocity-count"),
            CardVelocityWindow = r.GetTimeSpan("card.velocity-window"),
            ForbiddenKindsByMcc = Objects(r, "forbidden").ToDictionary(f => f.GetString("mcc"),
                f => (IReadOnlySet<string>)f.GetStringList("kinds").ToHashSet(StringComparer.Ordinal)),
        };
    }

    /// <summary>Blacklisted PANs with their reasons, from configuration (tokenised by the caller, never logged).</summary>
    public IEnumerable<(string Pan, BlacklistReason Reason)> Blacklist() =>
        Objects(Section("risk"), "blacklist").Select(b => (b.GetString("pan"),
            b.GetString("reason").Equals("stolen", StringComparison.OrdinalIgnoreCase) ? BlacklistReason.Stolen : BlacklistReason.Lost));

    /// <summary>An array of objects (lists of settings that carry their own keys, such as MCCs).</summary>
    private static IEnumerable<Config> Objects(Config parent, string path) =>
        parent.GetValue(path)?.GetArray().Select(v => new Config(new Akka.Configuration.Hocon.HoconRoot(v))) ?? [];

    public string CentreAddress => Section("centre").GetString("address", "");

    public CentreLinkSettings CentreLink(string host, int port)
    {
        var c = Section("centre");
        return new CentreLinkSettings
        {
            Host = host, Port = port, Connections = c.GetInt("connections"), AcquirerId = AcquirerId,
            ReceivingId = c.GetString("receiving-id"), EchoInterval = c.GetTimeSpan("echo-interval"),
            KeyChangeInterval = c.GetTimeSpan("key-change-interval"),
        };
    }

    public IReadOnlyList<string> KeyComponents(string name) => Section("security").GetStringList(name).ToList();
}

/// <summary>The POS front end's limits.</summary>
public sealed record PosListenerSettings(int MaxFrameLength, TimeSpan IdleTimeout, int MaxConnections, int MaxInFlightPerConnection);
