using ActorSwitch.Switch.Centre;
using ActorSwitch.Switch.Registry;

namespace ActorSwitch.Node.Hosting;

/// <summary>
/// The spec's readiness rule: the journal is recovered (the registry has replayed) and the centre link
/// is up. The POS port waits on it; the operator API reports it.
/// </summary>
public sealed class Readiness(RegistryView registry, CentreLinkHealth link)
{
    public bool JournalRecovered => registry.IsRecovered;

    public bool CentreLinkUp => link.IsUp;

    public bool IsReady => JournalRecovered && CentreLinkUp;

    public bool PosListening { get; set; }

    public string? WaitingFor => !JournalRecovered ? "journal recovery" : !CentreLinkUp ? "centre link" : null;

    public async Task WaitUntilReadyAsync(CancellationToken stop)
    {
        while (!IsReady) await Task.Delay(100, stop);
    }
}
