using System.Collections.Concurrent;

namespace ActorSwitch.Switch.Registry;

/// <summary>
/// The node-local, thread-safe read model of merchants and terminals. The POS front end checks a
/// frame's F42 + F41 here before any entity exists, so an unknown id costs a dictionary lookup,
/// not an entity and a journal read. Every registry event is an idempotent "set", so the view can be
/// fed from more than one source (the registry actor on this node, the journal on other nodes).
/// </summary>
public sealed class RegistryView
{
    private readonly ConcurrentDictionary<string, Merchant> _merchants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Terminal> _terminals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Terminal>.AlternateLookup<ReadOnlySpan<char>> _terminalsBySpan;

    public RegistryView() => _terminalsBySpan = _terminals.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True once the registry's journal has been replayed into this view.</summary>
    public bool IsRecovered => Volatile.Read(ref _recovered);

    private bool _recovered;

    public void MarkRecovered() => Volatile.Write(ref _recovered, true);

    public int MerchantCount => _merchants.Count;

    public int TerminalCount => _terminals.Count;

    public Merchant? FindMerchant(string merchantId) => _merchants.GetValueOrDefault(merchantId);

    public Terminal? FindTerminal(TerminalKey key) => _terminals.GetValueOrDefault(key.EntityId);

    /// <summary>Hot-path lookup by the entity id form (<c>merchant:terminal</c>) without allocating a string.</summary>
    public Terminal? FindTerminal(ReadOnlySpan<char> entityId) =>
        _terminalsBySpan.TryGetValue(entityId, out var terminal) ? terminal : null;

    /// <summary>Merchants ordered by id, one page at a time (operator API).</summary>
    public IReadOnlyList<Merchant> MerchantPage(int skip, int take) =>
        _merchants.Values.OrderBy(m => m.MerchantId, StringComparer.Ordinal).Skip(skip).Take(take).ToList();

    /// <summary>Terminals ordered by merchant then terminal id, optionally of one merchant.</summary>
    public IReadOnlyList<Terminal> TerminalPage(string? merchantId, int skip, int take) =>
        _terminals.Values
            .Where(t => merchantId is null || t.MerchantId == merchantId)
            .OrderBy(t => t.MerchantId, StringComparer.Ordinal)
            .ThenBy(t => t.TerminalId, StringComparer.Ordinal)
            .Skip(skip).Take(take).ToList();

    public int TerminalCountOf(string? merchantId) =>
        merchantId is null ? _terminals.Count : _terminals.Values.Count(t => t.MerchantId == merchantId);

    /// <summary>Applies one event. Idempotent: applying an event twice leaves the same state.</summary>
    public void Apply(IRegistryEvent e)
    {
        switch (e)
        {
            case MerchantRegistered m:
                _merchants[m.MerchantId] = new Merchant(m.MerchantId, m.Name, m.Mcc, m.FeeRateBasisPoints,
                    _merchants.TryGetValue(m.MerchantId, out var existing) && existing.Frozen);
                break;
            case MerchantFrozenChanged f when _merchants.TryGetValue(f.MerchantId, out var merchant):
                _merchants[f.MerchantId] = merchant with { Frozen = f.Frozen };
                break;
            case TerminalRegistered t:
                var key = new TerminalKey(t.MerchantId, t.TerminalId).EntityId;
                _terminals[key] = new Terminal(t.MerchantId, t.TerminalId, t.Model,
                    _terminals.TryGetValue(key, out var old) && old.Frozen);
                break;
            case TerminalFrozenChanged f:
                var id = new TerminalKey(f.MerchantId, f.TerminalId).EntityId;
                if (_terminals.TryGetValue(id, out var terminal))
                    _terminals[id] = terminal with { Frozen = f.Frozen };
                break;
        }
    }
}
