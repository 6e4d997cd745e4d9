using Akka.Actor;
using Akka.Persistence.Query;
using ActorSwitch.Switch.Clock;
using ActorSwitch.Switch.Journal;

namespace ActorSwitch.Switch.EndOfDay;

/// <summary>
/// Applies every end-of-day cut-off marker to this node's <see cref="SettlementCalendar"/>: a day run
/// early closes at its marker on every node (the singleton's node closes it before writing the marker;
/// the others within a journal poll), so transactions after it belong to the next day.
/// </summary>
public sealed class CalendarFollower(SettlementCalendar calendar) : JournalFollower(EndOfDayActor.PersistenceIdValue)
{
    private long _applied;

    public static Props Props(SettlementCalendar calendar) => Akka.Actor.Props.Create(() => new CalendarFollower(calendar));

    protected override long AppliedSequenceNr => Interlocked.Read(ref _applied);

    protected override void Apply(EventEnvelope envelope)
    {
        if (envelope.Event is EndOfDayCutOff cutOff) calendar.CloseEarly(cutOff.Date, cutOff.At);
        Interlocked.Exchange(ref _applied, envelope.SequenceNr);
    }
}
