using System.Collections.Concurrent;

namespace ActorSwitch.Switch.Risk;

public enum BlacklistReason : byte
{
    Lost,
    Stolen,
}

/// <summary>Cards that must be refused, keyed by PAN token (the list itself never holds a clear PAN).</summary>
public sealed class CardBlacklist
{
    private readonly ConcurrentDictionary<string, BlacklistReason> _cards = new(StringComparer.Ordinal);

    public void Add(string panToken, BlacklistReason reason) => _cards[panToken] = reason;

    public bool Remove(string panToken) => _cards.TryRemove(panToken, out _);

    public BlacklistReason? Find(string panToken) => _cards.TryGetValue(panToken, out var r) ? r : null;

    public int Count => _cards.Count;
}
