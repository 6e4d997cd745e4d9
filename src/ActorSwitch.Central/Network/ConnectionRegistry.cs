using System.Collections.Concurrent;
using ActorSwitch.Central.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorSwitch.Central.Network;

/// <summary>Every open connection: for the control API (close all), status, and the idle rule
/// (a connection silent for the idle timeout, 90 s by default, is closed).</summary>
public sealed class ConnectionRegistry : IDisposable
{
    private readonly ConcurrentDictionary<long, CentralConnection> _connections = new();
    private readonly ILogger _logger;
    private readonly TimeSpan _idleTimeout;
    private readonly Timer _idleSweep;

    public ConnectionRegistry(CentralOptions options, ILogger<ConnectionRegistry> logger)
    {
        _logger = logger;
        _idleTimeout = options.IdleTimeout;
        _idleSweep = new Timer(_ => CloseIdle(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public ICollection<CentralConnection> All => _connections.Values;

    public int Count => _connections.Count;

    public void Add(CentralConnection connection) => _connections[connection.Id] = connection;

    public void Remove(CentralConnection connection) => _connections.TryRemove(connection.Id, out _);

    /// <summary>Closes every connection now; returns how many.</summary>
    public int CloseAll(string reason)
    {
        var count = 0;
        foreach (var connection in _connections.Values)
        {
            _logger.LogWarning("Closing connection from {Peer}: {Reason}", connection.Peer, reason);
            connection.Close(reason);
            count++;
        }
        return count;
    }

    private void CloseIdle()
    {
        foreach (var connection in _connections.Values)
        {
            if (connection.SilentFor < _idleTimeout) continue;
            _logger.LogWarning("Closing connection from {Peer}: silent for {Seconds:F0} s", connection.Peer, connection.SilentFor.TotalSeconds);
            connection.Close("idle");
        }
    }

    public void Dispose() => _idleSweep.Dispose();
}
