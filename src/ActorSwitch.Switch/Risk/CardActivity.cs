using System.Collections.Concurrent;

namespace ActorSwitch.Switch.Risk;

/// <summary>
/// Per-card usage for the daily and velocity limits, keyed by PAN token. Kept in the node's memory:
/// it is a brake, not a ledger (the centre's ledger is the record), so after a restart the counters
/// start again from zero for the rest of the day. Each card's counters are updated under the card's
/// own lock, which is held for a few instructions only. In a cluster every change is also queued for
/// the other nodes (<see cref="CardActivityGossip"/>), which apply it to their own counters: a card
/// used at terminals whose entities live on different nodes is counted once, cluster-wide.
/// </summary>
public sealed class CardActivity
{
    private readonly ConcurrentDictionary<string, CardCounters> _cards = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<CardActivityChange> _outbox = new();
    private volatile bool _shared;

    /// <summary>Queue every local change for the other nodes (set when the node is in a cluster).</summary>
    public bool Shared
    {
        get => _shared;
        set => _shared = value;
    }

    /// <summary>The next local change for the other nodes, oldest first.</summary>
    public bool TryTakeChange(out CardActivityChange change) => _outbox.TryDequeue(out change);

    /// <summary>Another node's change: counted here too, without checking any limit (it passed there).</summary>
    public void Apply(CardActivityChange change)
    {
        var counters = _cards.GetOrAdd(change.PanToken, static _ => new CardCounters());
        var day = DateOnly.FromDayNumber(change.DayNumber);
        lock (counters)
        {
            switch (change.Kind)
            {
                case CardActivityChange.Attempt:
                    counters.AddAttempt(new DateTimeOffset(change.AtUtcTicks, TimeSpan.Zero));
                    break;
                case CardActivityChange.Approval when day >= counters.Day:
                    counters.AddApproval(day, change.Amount);
                    break;
                case CardActivityChange.Release:
                    counters.Release(day, change.Amount);
                    break;
            }
        }
    }

    private void Publish(byte kind, string panToken, DateOnly day, long amount, DateTimeOffset at)
    {
        if (_shared) _outbox.Enqueue(new CardActivityChange(kind, panToken, day.DayNumber, amount, at.UtcTicks));
    }

    /// <summary>Checks the card's limits for a new attempt and, if it passes, counts the attempt in the velocity window.</summary>
    public RiskDecision TryAttempt(string panToken, long amount, DateOnly day, DateTimeOffset now, RiskSettings settings)
    {
        var counters = _cards.GetOrAdd(panToken, static _ => new CardCounters());
        lock (counters)
        {
            counters.RollTo(day);
            if (counters.DailyAmount + amount > settings.CardDailyAmount) return RiskDecision.Decline(RiskRule.CardDailyAmount);
            if (counters.DailyCount + 1 > settings.CardDailyCount) return RiskDecision.Decline(RiskRule.CardDailyCount);
            var windowStart = now - settings.CardVelocityWindow;
            while (counters.Attempts.Count > 0 && counters.Attempts.Peek() <= windowStart) counters.Attempts.Dequeue();
            if (counters.Attempts.Count + 1 > settings.CardVelocityCount) return RiskDecision.Decline(RiskRule.CardVelocity);
            counters.Attempts.Enqueue(now);
        }
        Publish(CardActivityChange.Attempt, panToken, day, 0, now);
        return RiskDecision.Pass;
    }

    /// <summary>Counts an approved debit against the card's day.</summary>
    public void RecordApproval(string panToken, long amount, DateOnly day)
    {
        var counters = _cards.GetOrAdd(panToken, static _ => new CardCounters());
        lock (counters) counters.AddApproval(day, amount);
        Publish(CardActivityChange.Approval, panToken, day, amount, default);
    }

    /// <summary>Gives back what a reversed approval had counted.</summary>
    public void ReleaseApproval(string panToken, long amount, DateOnly day)
    {
        if (!_cards.TryGetValue(panToken, out var counters)) return;
        lock (counters) counters.Release(day, amount);
        Publish(CardActivityChange.Release, panToken, day, amount, default);
    }

    private sealed class CardCounters
    {
        public DateOnly Day;
        public long DailyAmount;
        public int DailyCount;
        public readonly Queue<DateTimeOffset> Attempts = new();

        /// <summary>Another node's attempt: kept in time order (it may be older than our newest).</summary>
        public void AddAttempt(DateTimeOffset at)
        {
            if (Attempts.Count == 0 || at >= Attempts.Last()) { Attempts.Enqueue(at); return; }
            var ordered = Attempts.Append(at).Order().ToList();
            Attempts.Clear();
            foreach (var a in ordered) Attempts.Enqueue(a);
        }

        public void AddApproval(DateOnly day, long amount)
        {
            RollTo(day);
            DailyAmount += amount;
            DailyCount++;
        }

        /// <summary>Gives back an approval of <paramref name="day"/> (one of an earlier day no longer counts).</summary>
        public void Release(DateOnly day, long amount)
        {
            if (Day != day) return;
            DailyAmount = Math.Max(0, DailyAmount - amount);
            DailyCount = Math.Max(0, DailyCount - 1);
        }

        public void RollTo(DateOnly day)
        {
            if (day == Day) return;
            Day = day;
            DailyAmount = 0;
            DailyCount = 0;
        }
    }
}

/// <summary>
/// One change of a card's counters, as it travels to the other nodes (plain values: the PAN token is a
/// keyed hash, never the PAN). <see cref="Kind"/>: an attempt in the velocity window, an approval or a
/// released approval of the day.
/// </summary>
public readonly record struct CardActivityChange(byte Kind, string PanToken, int DayNumber, long Amount, long AtUtcTicks)
{
    public const byte Attempt = 1;
    public const byte Approval = 2;
    public const byte Release = 3;
}
