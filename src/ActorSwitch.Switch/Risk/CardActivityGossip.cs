using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;

namespace ActorSwitch.Switch.Risk;

/// <summary>The card-counter changes of one node since its last flush.</summary>
public sealed record CardActivityBatch(string Node, IReadOnlyList<CardActivityChange> Changes);

/// <summary>
/// Shares this node's card counters with the other nodes: every 100 ms it publishes the changes made
/// here (attempts, approvals, releases) on a cluster topic and applies what the other nodes publish.
/// The limits are then cluster-wide, up to the changes still in flight (a fraction of a second): a brake
/// that holds across nodes, at the cost of one small message per node per flush, not one per transaction.
/// </summary>
public sealed class CardActivityGossip : ReceiveActor, IWithTimers
{
    public const string Topic = "card-activity";
    private const int MaxBatch = 20_000;
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(100);

    private sealed record Flush
    {
        public static readonly Flush Instance = new();
    }

    private readonly CardActivity _activity;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly IActorRef _mediator = DistributedPubSub.Get(Context.System).Mediator;
    private readonly string _self;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public CardActivityGossip(CardActivity activity)
    {
        _activity = activity;
        _self = _cluster.SelfAddress.ToString();
        Receive<SubscribeAck>(_ => _log.Debug("Card activity: subscribed to {0}", Topic));
        Receive<Flush>(_ => Publish());
        Receive<CardActivityBatch>(batch =>
        {
            if (batch.Node == _self) return;
            foreach (var change in batch.Changes) _activity.Apply(change);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(CardActivity activity) => Akka.Actor.Props.Create(() => new CardActivityGossip(activity));

    protected override void PreStart()
    {
        _mediator.Tell(new Subscribe(Topic, Self));
        Timers.StartPeriodicTimer("flush", Flush.Instance, FlushEvery);
    }

    protected override void PostStop() => _activity.Shared = false;

    private void Publish()
    {
        // Alone in the cluster (the embedded default): nobody to tell, so nothing is queued per transaction.
        _activity.Shared = _cluster.State.Members.Count(m => m.Status == MemberStatus.Up) > 1;
        var changes = new List<CardActivityChange>();
        while (changes.Count < MaxBatch && _activity.TryTakeChange(out var change)) changes.Add(change);
        if (changes.Count > 0 && _activity.Shared) _mediator.Tell(new Publish(Topic, new CardActivityBatch(_self, changes)));
    }
}
