namespace ActorSwitch.Node.Hosting;

/// <summary>
/// The node's settings. They come from the command line (<c>--pos-port 5800</c>), the environment
/// (<c>ACTORSWITCH_Node__PosPort</c>) or appsettings, in the usual .NET order.
/// </summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>The documented development token; refused outside <c>--dev</c>.</summary>
    public const string DevAdminToken = "dev-admin-token";

    public bool Dev { get; set; }
    public int PosPort { get; set; } = 5800;
    public int AdminPort { get; set; } = 5880;

    /// <summary>Where the operator API listens; loopback unless an operator says otherwise.</summary>
    public string AdminHost { get; set; } = "127.0.0.1";
    public string DataDir { get; set; } = "./data";
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>Akka remoting port; 0 picks a free one (fine for a single node that joins itself).</summary>
    public int RemotingPort { get; set; }

    /// <summary>Comma-separated <c>host:port</c> of the seed nodes; empty means a single node joining itself.</summary>
    public string SeedNodes { get; set; } = "";

    /// <summary><c>sqlite</c> (embedded default) or <c>postgresql</c>.</summary>
    public string Journal { get; set; } = "sqlite";
    public string JournalConnection { get; set; } = "";
    public string AdminToken { get; set; } = "";

    /// <summary><c>host:port</c> of the central platform; empty means the node starts the simulator itself.</summary>
    public string Centre { get; set; } = "";

    /// <summary>An extra HOCON file read last, over hocon/ (site settings, or a test's tight limits).</summary>
    public string Config { get; set; } = "";

    /// <summary>This node's number in the cluster (0..255): it makes retrieval reference numbers unique across nodes.</summary>
    public int NodeNumber { get; set; } = -1;

    public const string ActorSystemName = "actorswitch";

    public string ResolveAdminToken()
    {
        if (!string.IsNullOrEmpty(AdminToken))
        {
            if (!Dev && AdminToken == DevAdminToken)
                throw new InvalidOperationException("The development admin token is refused outside --dev; set Node:AdminToken.");
            return AdminToken;
        }
        if (Dev) return DevAdminToken;
        throw new InvalidOperationException("No operator API token: set Node:AdminToken (ACTORSWITCH_Node__AdminToken).");
    }

    public string[] SeedNodeAddresses() =>
        SeedNodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(hp => $"akka.tcp://{ActorSystemName}@{hp}")
            .ToArray();

    /// <summary>Maps the documented flags onto configuration keys; <c>--dev</c> takes no value.</summary>
    public static string[] NormaliseArgs(string[] args)
    {
        var result = new List<string>(args.Length + 1);
        for (var i = 0; i < args.Length; i++)
        {
            result.Add(args[i]);
            var isLast = i == args.Length - 1;
            if (args[i] == "--dev" && (isLast || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
                result.Add("true");
        }
        return result.ToArray();
    }

    public static readonly Dictionary<string, string> SwitchMappings = new()
    {
        ["--dev"] = "Node:Dev",
        ["--pos-port"] = "Node:PosPort",
        ["--admin-port"] = "Node:AdminPort",
        ["--admin-host"] = "Node:AdminHost",
        ["--data-dir"] = "Node:DataDir",
        ["--hostname"] = "Node:Hostname",
        ["--remoting-port"] = "Node:RemotingPort",
        ["--seed-nodes"] = "Node:SeedNodes",
        ["--journal"] = "Node:Journal",
        ["--journal-connection"] = "Node:JournalConnection",
        ["--admin-token"] = "Node:AdminToken",
        ["--central"] = "Node:Centre",
        ["--node-number"] = "Node:NodeNumber",
        ["--config"] = "Node:Config",
    };
}
