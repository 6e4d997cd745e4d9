using System.Collections.Concurrent;

namespace ActorSwitch.Security.Module;

/// <summary>
/// Bounded cache of unwrapped keys by key block, so a handle re-created from its persisted block is not
/// unwrapped on every use. When full, an arbitrary tenth is evicted: a miss only costs one unwrap.
/// </summary>
internal sealed class KeyCache(int capacity)
{
    private readonly ConcurrentDictionary<string, LoadedKey> entries = new(StringComparer.Ordinal);

    public int Count => entries.Count;

    public bool TryGet(string keyBlock, out LoadedKey? key) => entries.TryGetValue(keyBlock, out key);

    public void Add(string keyBlock, LoadedKey key)
    {
        if (entries.Count >= capacity)
            Evict(Math.Max(1, capacity / 10));
        entries[keyBlock] = key;
    }

    private void Evict(int count)
    {
        foreach (var keyBlock in entries.Keys.Take(count))
            entries.TryRemove(keyBlock, out _);
    }
}
