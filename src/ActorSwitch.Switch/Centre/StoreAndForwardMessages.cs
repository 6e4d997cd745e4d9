using ActorSwitch.Switch.Terminals;

namespace ActorSwitch.Switch.Centre;

/// <summary>An advice or reversal that must reach the centre, whatever happens to the node that queued it.</summary>
public sealed record StoreAndForwardEntry(string MerchantId, string TerminalId, TransactionRecord Transaction, bool IsReversal)
{
    public string Rrn => Transaction.Rrn;
}

/// <summary>Anything addressed to one store-and-forward queue entity.</summary>
public interface IStoreAndForwardCommand
{
    string QueueId { get; }
}

/// <summary>Queue this entry; answered with <see cref="StoreAndForwardAccepted"/> once it is durable in the queue.</summary>
public sealed record EnqueueForCentre(string QueueId, StoreAndForwardEntry Entry) : IStoreAndForwardCommand;

public sealed record StoreAndForwardAccepted(string Rrn);

/// <summary>Starts a queue (after a restart or a node loss) so that it drains what it holds.</summary>
public sealed record WakeQueue(string QueueId) : IStoreAndForwardCommand;

/// <summary>How deep a queue is (operator API).</summary>
public sealed record GetQueueDepth(string QueueId) : IStoreAndForwardCommand;

public sealed record QueueDepth(string QueueId, int Depth, string? Head, int Attempts);

public static class StoreAndForwardQueues
{
    /// <summary>The number of queues; fixed for the life of the data (entries are hashed onto them).</summary>
    public const int Count = 16;

    public static string QueueIdFor(string terminalEntityId) =>
        Id((int)((uint)StableHash(terminalEntityId) % Count));

    public static string Id(int index) => "saf-" + index.ToString("D2");

    public static IEnumerable<string> All => Enumerable.Range(0, Count).Select(Id);

    /// <summary>FNV-1a: string.GetHashCode differs between processes, and the queue of a terminal must not.</summary>
    private static int StableHash(string s)
    {
        var hash = 2166136261u;
        foreach (var c in s)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (int)hash;
    }
}
