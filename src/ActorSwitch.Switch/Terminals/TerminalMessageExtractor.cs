using Akka.Cluster.Sharding;

namespace ActorSwitch.Switch.Terminals;

/// <summary>Routes terminal commands by entity id (merchant id + terminal id); 100 shards, fixed for the life of the data.</summary>
public sealed class TerminalMessageExtractor() : HashCodeMessageExtractor(100)
{
    public override string? EntityId(object message) => message is ITerminalCommand command ? command.EntityId : null;
}
