namespace ActorSwitch.Central.Ledger;

/// <summary>
/// The centre's settlement date (F15): its own clock in its time zone against its cut-off time. At or
/// after the cut-off, transactions count under the next day.
/// </summary>
public sealed class SettlementClock(TimeZoneInfo zone, TimeOnly cutOff, TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public DateOnly Today => DateFor(Time.GetUtcNow());

    public DateOnly DateFor(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        var date = DateOnly.FromDateTime(local);
        return TimeOnly.FromDateTime(local) >= cutOff ? date.AddDays(1) : date;
    }
}
