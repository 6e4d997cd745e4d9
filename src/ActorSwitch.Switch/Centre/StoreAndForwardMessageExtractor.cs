using Akka.Cluster.Sharding;

namespace ActorSwitch.Switch.Centre;

/// <summary>Routes store-and-forward commands by queue id; one shard per queue.</summary>
public sealed class StoreAndForwardMessageExtractor() : HashCodeMessageExtractor(StoreAndForwardQueues.Count)
{
    public override string? EntityId(object message) => message is IStoreAndForwardCommand command ? command.QueueId : null;
}
