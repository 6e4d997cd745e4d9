namespace ActorSwitch.Switch.Clock;

/// <summary>
/// The settlement date (F15) of anything processed at a given instant: the switch's clock in the
/// province's time zone against the province's cut-off time. Terminals' clocks are never trusted.
/// </summary>
public sealed class SettlementCalendar(TimeZoneInfo zone, TimeOnly cutOff)
{
    public static SettlementCalendar Default { get; } =
        new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), new TimeOnly(23, 0));

    public TimeZoneInfo Zone { get; } = zone;

    public TimeOnly CutOff { get; } = cutOff;

    /// <summary>Local date and time in the province.</summary>
    public DateTime LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    // Days an operator closed before the cut-off time (end of day run early): from that instant on,
    // transactions count under the next day. Replaced whole on change, read without locks.
    private volatile IReadOnlyDictionary<DateOnly, DateTimeOffset> _closedEarly = new Dictionary<DateOnly, DateTimeOffset>();
    private readonly Lock _changes = new();

    /// <summary>At or after the cut-off (or the instant the day was closed early), transactions count under the next day.</summary>
    public DateOnly SettlementDate(DateTimeOffset instant)
    {
        var local = LocalTime(instant);
        var date = DateOnly.FromDateTime(local);
        if (TimeOnly.FromDateTime(local) >= CutOff) date = date.AddDays(1);
        var closed = _closedEarly;
        while (closed.TryGetValue(date, out var at) && instant >= at) date = date.AddDays(1);
        return date;
    }

    /// <summary>
    /// Day <paramref name="date"/> closes at <paramref name="at"/> (its end-of-day cut-off marker), before
    /// its natural cut-off: later instants belong to the next day. The earliest instant wins.
    /// </summary>
    public void CloseEarly(DateOnly date, DateTimeOffset at)
    {
        lock (_changes)
        {
            if (_closedEarly.TryGetValue(date, out var known) && known <= at) return;
            _closedEarly = new Dictionary<DateOnly, DateTimeOffset>(_closedEarly) { [date] = at };
        }
    }
}
