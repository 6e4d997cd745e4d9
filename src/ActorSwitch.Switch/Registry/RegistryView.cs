using System.Collections.Concurrent;

namespace ActorSwitch.Switch.Registry;

/// <summary>
/// The node-local, thread-safe read model of merchants and terminals. The POS front end checks a
/// frame's F42 + F41 here before any entity exists, so an unknown id costs a dictionary lookup,
/// not an entity and a journal read. It is fed from two sources: the registry singleton when it runs
/// on this node (so that what the API confirmed is visible here at once) and, on every node, the
/// <see cref="RegistryReplica"/> following the registry's journal. Each event carries its sequence
/// number and is applied once, in order, whichever source delivers it first.
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

    private readonly Lock _writes = new();
    private long _applied;

    /// <summary>The sequence number of the last registry event this view holds.</summary>
    public long AppliedSequenceNr => Interlocked.Read(ref _applied);

    /// <summary>
    /// Applies the event with this sequence number if the view does not hold it yet; an older event
    /// (the other source delivering it late) is ignored, so the view never goes back in time.
    /// </summary>
    public bool Apply(IRegistryEvent e, long sequenceNr)
    {
        lock (_writes)
        {
            if (sequenceNr <= _applied) return false;
            ApplyCore(e);
            Interlocked.Exchange(ref _applied, sequenceNr);
            return true;
        }
    }

    /// <summary>
    /// A snapshot taken at <paramref name="sequenceNr"/>: each merchant and terminal in it replaces the
    /// view's entry whole (a partly applied view may hold older flags), unless the view is newer already.
    /// </summary>
    public void ApplySnapshot(RegistrySnapshot snapshot, long sequenceNr)
    {
        lock (_writes)
        {
            if (sequenceNr <= _applied) return;
            var state = new RegistryView();
            foreach (var e in snapshot.Events) state.ApplyCore(e);
            foreach (var (id, merchant) in state._merchants) _merchants[id] = merchant;
            foreach (var (id, terminal) in state._terminals) _terminals[id] = terminal;
            Interlocked.Exchange(ref _applied, sequenceNr);
        }
    }

    private void ApplyCore(IRegistryEvent e)
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
