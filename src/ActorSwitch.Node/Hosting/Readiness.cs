using Akka.Actor;
using Akka.Cluster;
using ActorSwitch.Node.Observability;
using ActorSwitch.Switch.Centre;
using ActorSwitch.Switch.Registry;

namespace ActorSwitch.Node.Hosting;

/// <summary>One readiness check as <c>/health/ready</c> shows it.</summary>
public sealed record ReadinessCheck(string Name, bool Ok, string Detail);

/// <summary>
/// The node is ready when the journal is recovered (the registry has replayed), this node's cluster member
/// is Up, the journal takes writes (the journal probe's last write succeeded recently) and the centre link
/// is up. The POS port waits for it once, at start; afterwards a failing check makes the node report not
/// ready (load balancers and operators see which check) but the POS port stays open.
/// </summary>
public sealed class Readiness(RegistryView registry, CentreLinkHealth link, JournalHealth journal, ActorSystem system)
{
    public bool JournalRecovered => registry.IsRecovered;

    public bool CentreLinkUp => link.IsUp;

    public bool IsReady => IsReadyFrom(Checks());

    public bool PosListening { get; set; }

    public string? WaitingFor => WaitingForFrom(Checks());

    public IReadOnlyList<ReadinessCheck> Checks()
    {
        var member = Cluster.Get(system).SelfMember.Status;
        var (writable, journalDetail) = journal.Check();
        return
        [
            new("journal-recovered", JournalRecovered, JournalRecovered ? "the registry has replayed" : "the registry is replaying"),
            new("cluster-joined", member == MemberStatus.Up, $"this node's member is {member}"),
            new("journal-writable", writable, journalDetail),
            new("centre-link", CentreLinkUp, $"{link.SignedOn} connection(s) to the centre signed on"),
        ];
    }

    public static bool IsReadyFrom(IReadOnlyList<ReadinessCheck> checks) => checks.All(c => c.Ok);

    public static string? WaitingForFrom(IReadOnlyList<ReadinessCheck> checks) => checks.FirstOrDefault(c => !c.Ok)?.Name;

    public async Task WaitUntilReadyAsync(CancellationToken stop)
    {
        while (!IsReady) await Task.Delay(100, stop);
    }
}
