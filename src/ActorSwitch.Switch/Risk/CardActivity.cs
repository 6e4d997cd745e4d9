using System.Collections.Concurrent;

namespace ActorSwitch.Switch.Risk;

/// <summary>
/// Per-card usage for the daily and velocity limits, keyed by PAN token. Kept in the node's memory:
/// it is a brake, not a ledger (the centre's ledger is the record), so after a restart the counters
/// start again from zero for the rest of the day. Each card's counters are updated under the card's
/// own lock, which is held for a few instructions only.
/// </summary>
public sealed class CardActivity
{
    private readonly ConcurrentDictionary<string, CardCounters> _cards = new(StringComparer.Ordinal);

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
            return RiskDecision.Pass;
        }
    }

    /// <summary>Counts an approved debit against the card's day.</summary>
    public void RecordApproval(string panToken, long amount, DateOnly day)
    {
        var counters = _cards.GetOrAdd(panToken, static _ => new CardCounters());
        lock (counters)
        {
            counters.RollTo(day);
            counters.DailyAmount += amount;
            counters.DailyCount++;
        }
    }

    /// <summary>Gives back what a reversed approval had counted.</summary>
    public void ReleaseApproval(string panToken, long amount, DateOnly day)
    {
        if (!_cards.TryGetValue(panToken, out var counters)) return;
        lock (counters)
        {
            if (counters.Day != day) return;
            counters.DailyAmount = Math.Max(0, counters.DailyAmount - amount);
            counters.DailyCount = Math.Max(0, counters.DailyCount - 1);
        }
    }

    private sealed class CardCounters
    {
        public DateOnly Day;
        public long DailyAmount;
        public int DailyCount;
        public readonly Queue<DateTimeOffset> Attempts = new();

        public void RollTo(DateOnly day)
        {
            if (day == Day) return;
            Day = day;
            DailyAmount = 0;
            DailyCount = 0;
        }
    }
}
