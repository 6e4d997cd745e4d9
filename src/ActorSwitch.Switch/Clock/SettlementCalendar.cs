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

    /// <summary>At or after the cut-off, transactions count under the next day.</summary>
    public DateOnly SettlementDate(DateTimeOffset instant)
    {
        var local = LocalTime(instant);
        var date = DateOnly.FromDateTime(local);
        return TimeOnly.FromDateTime(local) >= CutOff ? date.AddDays(1) : date;
    }
}
