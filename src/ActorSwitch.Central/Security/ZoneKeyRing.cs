using System.Collections.Concurrent;
using ActorSwitch.Security.Module;

namespace ActorSwitch.Central.Security;

/// <summary>
/// Working keys per acquiring institution. A sign-on (001) or key change (101) on any connection of an
/// institution issues a new generation, which becomes the institution's current keys. A request verifies
/// under the generation last issued on its own connection (for as long as that connection is open), the
/// current one, or any other for the grace period after it was superseded, so that requests and answers
/// in flight are never lost whether the acquirer shares keys across its connections or keeps them per
/// connection. Keys live only in memory: after a restart the switch signs on again, as on every new connection.
/// </summary>
public sealed class ZoneKeyRing(CentreKeys keys, TimeProvider time, TimeSpan grace)
{
    private readonly ConcurrentDictionary<string, InstitutionKeys> _institutions = new(StringComparer.Ordinal);

    /// <summary>Issues a new generation to <paramref name="institution"/> and returns it with F48 of the
    /// answer: ZPK block '|' ZAK block, TR-31 version D under the ZMK.</summary>
    public (ZoneKeyGeneration Generation, string Field48) Issue(string institution)
    {
        var module = keys.Module;
        var pinKey = module.GenerateKey(KeySpecification.ZonePinKey);
        var macKey = module.GenerateKey(KeySpecification.RetailMacKey);
        var field48 = module.ExportKey(pinKey, keys.ZoneMasterKey) + "|" + module.ExportKey(macKey, keys.ZoneMasterKey);
        var ring = _institutions.GetOrAdd(institution, _ => new InstitutionKeys());
        return (ring.Add(module, pinKey, macKey, time.GetUtcNow(), grace), field48);
    }

    /// <summary>The current generation of an institution, or null before its first sign-on.</summary>
    public ZoneKeyGeneration? Current(string institution) =>
        _institutions.TryGetValue(institution, out var ring) && ring.All is [var current, ..] ? current : null;

    /// <summary>The generation whose MAC key verifies <paramref name="mac"/>: the connection's own first, then
    /// the current one, then those still in their grace period. Null when none does (answer A0).</summary>
    public ZoneKeyGeneration? FindVerifying(string institution, ZoneKeyGeneration? connectionKeys, ReadOnlySpan<byte> macBlock,
        ReadOnlySpan<byte> mac)
    {
        if (mac.Length != 8) return null;
        if (connectionKeys is not null && connectionKeys.Verify(macBlock, mac)) return connectionKeys;
        if (!_institutions.TryGetValue(institution, out var ring)) return null;
        var now = time.GetUtcNow();
        foreach (var generation in ring.All)
        {
            if (generation != connectionKeys && generation.IsUsable(now) && generation.Verify(macBlock, mac)) return generation;
        }
        return null;
    }

    /// <summary>Institution, current generation number and the check values of its keys (never the keys).</summary>
    public IEnumerable<(string Institution, int Generation, string PinKeyCheckValue, string MacKeyCheckValue)> Describe() =>
        _institutions.Select(pair => pair.Value.All is [var current, ..]
                ? (pair.Key, current.Number, keys.Module.CheckValue(current.PinKey), keys.Module.CheckValue(current.MacKey))
                : (pair.Key, 0, "", ""))
            .OrderBy(d => d.Item1, StringComparer.Ordinal);

    /// <summary>One institution's generations, newest first. Readers take the array without a lock (copy on write).</summary>
    private sealed class InstitutionKeys
    {
        private readonly object _gate = new();
        private ZoneKeyGeneration[] _all = [];
        private int _issued;

        public ZoneKeyGeneration[] All => Volatile.Read(ref _all);

        public ZoneKeyGeneration Add(ISecurityModule module, KeyHandle pinKey, KeyHandle macKey, DateTimeOffset now, TimeSpan grace)
        {
            lock (_gate)
            {
                var generation = new ZoneKeyGeneration(module, ++_issued, pinKey, macKey, now);
                foreach (var older in _all) older.ExpiresAt ??= now + grace;
                Volatile.Write(ref _all, [generation, .. _all.Where(g => g.IsUsable(now))]);
                return generation;
            }
        }
    }
}
