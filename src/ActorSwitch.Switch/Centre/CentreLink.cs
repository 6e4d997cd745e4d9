using Akka.Actor;
using Akka.Event;
using ActorSwitch.Iso8583;
using ActorSwitch.Security.Module;
using ActorSwitch.Security.Pins;
using ActorSwitch.Switch.Pos;

namespace ActorSwitch.Switch.Centre;

/// <summary>
/// The node's link to the centre: N long-lived connections, requests spread over the signed-on ones,
/// answers matched back to their requester by F37. Node-local: every node keeps its own links.
/// </summary>
public sealed class CentreLink : ReceiveActor, IWithTimers
{
    private readonly CentreLinkSettings _settings;
    private readonly ISecurityModule _security;
    private readonly KeyHandle _zoneMasterKey;
    private readonly CentreLinkHealth _health;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CentreConnection[] _connections;
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly IsoMessage _request = new(Dialects.CentralHost);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<(int Connection, KeyHandle Mak), ModuleMacCalculator> _macs = new();
    private int _next;

    public CentreLink(CentreLinkSettings settings, ISecurityModule security, KeyHandle zoneMasterKey, CentreLinkHealth health)
    {
        _settings = settings;
        _security = security;
        _zoneMasterKey = zoneMasterKey;
        _health = health;
        _connections = new CentreConnection[settings.Connections];

        Receive<CentreRequest>(OnRequest);
        Receive<CentreDecision>(OnDecision);
        Receive<CentreConnectionUp>(up => UpdateHealth());
        Receive<CentreConnectionDown>(OnConnectionDown);
        Receive<SweepPending>(_ => OnSweep());
        Receive<GetLinkStatus>(_ => Sender.Tell(new LinkStatus(_connections.Length,
            _connections.Count(c => c.Keys is not null), _pending.Count, _settings.Address)));
        Receive<GetCentreLinkDetails>(_ => Sender.Tell(new CentreLinkDetails(_settings.Address, _pending.Count,
            _connections.Select(c => c.Details).ToList())));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(CentreLinkSettings settings, ISecurityModule security, KeyHandle zoneMasterKey, CentreLinkHealth health) =>
        Akka.Actor.Props.Create(() => new CentreLink(settings, security, zoneMasterKey, health));

    protected override void PreStart()
    {
        for (var i = 0; i < _connections.Length; i++)
        {
            _connections[i] = new CentreConnection(i, _settings, _security, _zoneMasterKey, Self, _log);
            var connection = _connections[i];
            _ = Task.Run(() => connection.RunAsync(_stop.Token));
        }
        Timers.StartPeriodicTimer("sweep", SweepPending.Instance, TimeSpan.FromSeconds(5));
    }

    protected override void PostStop()
    {
        _stop.Cancel();
        _health.SignedOn = 0;
    }

    private void OnRequest(CentreRequest request)
    {
        var t = request.Transaction;
        var connection = PickConnection();
        if (connection?.Keys is not { } keys)
        {
            request.ReplyTo.Tell(new CentreNotSent(t.Rrn, "no signed-on connection to the centre"));
            return;
        }
        var pinError = CentreWire.BuildRequest(_request, t, _settings, _security, keys, DateTimeOffset.UtcNow);
        if (pinError != PinBlockError.None)
        {
            _log.Info("Centre link: PIN block of {0} refused ({1}): 99, not sent", t.Rrn, pinError);
            request.ReplyTo.Tell(new CentreDecision(t.Rrn, ResponseCodes.PinFormatError, null, null, null));
            return;
        }
        var mac = MacFor(connection.Id, keys.MacKey);
        var frame = new byte[IsoWriter.GetFrameSize(_request, withMac: true)];
        IsoWriter.Write(_request, frame, mac);
        if (!connection.TrySend(frame))
        {
            request.ReplyTo.Tell(new CentreNotSent(t.Rrn, "connection to the centre is full or closing"));
            return;
        }
        _pending[t.Rrn] = new Pending(request.ReplyTo, connection.Id, DateTime.UtcNow);
        _health.InFlight = _pending.Count;
    }

    private void OnDecision(CentreDecision decision)
    {
        if (!_pending.Remove(decision.Rrn, out var pending))
        {
            _log.Warning("Centre link: answer {0} for {1} matches no request in flight (late, or after a reconnect)",
                decision.ResponseCode, decision.Rrn);
            return;
        }
        pending.ReplyTo.Tell(decision);
        Diagnostics.SwitchMeters.CentreAnswered(pending.Connection, DateTime.UtcNow - pending.Sent);
        _health.InFlight = _pending.Count;
    }

    private void OnConnectionDown(CentreConnectionDown down)
    {
        // The centre answers on the connection it was asked on: what was in flight there will not
        // be answered. The requesters' own deadlines decide (98 and a reversal, or a retry).
        var lost = _pending.Where(p => p.Value.Connection == down.Id).Select(p => p.Key).ToList();
        foreach (var rrn in lost) _pending.Remove(rrn);
        if (lost.Count > 0) _log.Warning("Centre link {0} went down with {1} requests in flight", down.Id, lost.Count);
        foreach (var key in _macs.Keys.Where(k => k.Connection == down.Id).ToList()) _macs.Remove(key);
        UpdateHealth();
    }

    private void OnSweep()
    {
        var cutoff = DateTime.UtcNow - _settings.RequestTimeout;
        foreach (var rrn in _pending.Where(p => p.Value.Sent < cutoff).Select(p => p.Key).ToList()) _pending.Remove(rrn);
        UpdateHealth();
    }

    private CentreConnection? PickConnection()
    {
        for (var i = 0; i < _connections.Length; i++)
        {
            var candidate = _connections[(_next + i) % _connections.Length];
            if (candidate.Keys is null) continue;
            _next = (_next + i + 1) % _connections.Length;
            return candidate;
        }
        return null;
    }

    private ModuleMacCalculator MacFor(int connection, KeyHandle mak)
    {
        if (!_macs.TryGetValue((connection, mak), out var mac))
            _macs[(connection, mak)] = mac = new ModuleMacCalculator(_security, mak, MacAlgorithm.AnsiX919);
        return mac;
    }

    private void UpdateHealth()
    {
        _health.SignedOn = _connections.Count(c => c.Keys is not null);
        _health.InFlight = _pending.Count;
    }

    private sealed record Pending(IActorRef ReplyTo, int Connection, DateTime Sent);

    private sealed record SweepPending
    {
        public static readonly SweepPending Instance = new();
    }
}

/// <summary>The link's state for readiness and metrics, readable from any thread without asking the actor.</summary>
public sealed class CentreLinkHealth
{
    private int _signedOn;
    private int _inFlight;

    public int SignedOn
    {
        get => Volatile.Read(ref _signedOn);
        set => Volatile.Write(ref _signedOn, value);
    }

    public int InFlight
    {
        get => Volatile.Read(ref _inFlight);
        set => Volatile.Write(ref _inFlight, value);
    }

    public bool IsUp => SignedOn > 0;
}
