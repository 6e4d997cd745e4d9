using Akka.Actor;
using ActorSwitch.Security.Module;
using ActorSwitch.Switch.Clock;
using ActorSwitch.Switch.Registry;
using ActorSwitch.Switch.Risk;

namespace ActorSwitch.Switch.Terminals;

/// <summary>
/// What every terminal entity of a node shares: the security module and the keys the node holds
/// handles of, the registry view, the risk engine, clocks, and where the centre link and the
/// store-and-forward queues are.
/// </summary>
public sealed class TerminalServices
{
    public required ISecurityModule Security { get; init; }
    /// <summary>The key-loading device's KBPK: terminal master keys are exported under it.</summary>
    public required KeyHandle KeyLoadingDeviceKbpk { get; init; }
    /// <summary>Encrypts and tokenises PANs before anything is persisted.</summary>
    public required KeyHandle PanDataKey { get; init; }
    /// <summary>The issuer's TAC master key: card keys are derived from it to verify offline purse records.</summary>
    public required KeyHandle TacMasterKey { get; init; }
    public required RegistryView Registry { get; init; }
    public required RiskEngine Risk { get; init; }
    public required TerminalSettings Settings { get; init; }
    public required SettlementCalendar Calendar { get; init; }
    public required RetrievalReferenceGenerator Rrns { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The node's centre link (set once the actor system is up).</summary>
    public IActorRef CentreLink { get; set; } = ActorRefs.Nobody;

    /// <summary>The store-and-forward queues' shard region (set once sharding is up).</summary>
    public IActorRef StoreAndForward { get; set; } = ActorRefs.Nobody;

    /// <summary>The purse cards' shard region: where an offline record is counted once (set once sharding is up).</summary>
    public IActorRef PurseCards { get; set; } = ActorRefs.Nobody;

    public DateTimeOffset Now => Time.GetUtcNow();
}
