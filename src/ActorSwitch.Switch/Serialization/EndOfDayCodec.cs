using System.Runtime.Serialization;
using ActorSwitch.Switch.EndOfDay;

namespace ActorSwitch.Switch.Serialization;

/// <summary>
/// Version-1 payloads of the end-of-day actor's events. Dates as their day number (varint), instants
/// as Unix milliseconds (int64), step outputs as a count then key/value string pairs in key order.
/// </summary>
internal static class EndOfDayCodec
{
    public static string? Manifest(object o) => o switch
    {
        EndOfDayCutOff => "EC",
        EndOfDayStepDone => "ES",
        _ => null,
    };

    public static void Write(PayloadWriter w, object o)
    {
        switch (o)
        {
            case EndOfDayCutOff c:
                w.WriteVarInt(c.Date.DayNumber).WriteInt64(c.At.ToUnixTimeMilliseconds());
                break;
            case EndOfDayStepDone d:
                w.WriteVarInt(d.Date.DayNumber).WriteString(d.Step).WriteInt64(d.At.ToUnixTimeMilliseconds()).WriteVarInt(d.Outputs.Count);
                foreach (var (key, value) in d.Outputs) w.WriteString(key).WriteString(value);
                break;
            default:
                throw new SerializationException($"Cannot serialize {o.GetType()}");
        }
    }

    public static object Read(ref PayloadReader r, string manifest)
    {
        switch (manifest)
        {
            case "EC":
                return new EndOfDayCutOff(DateOnly.FromDayNumber(r.ReadInt32()), DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64()));
            case "ES":
                var date = DateOnly.FromDayNumber(r.ReadInt32());
                var step = r.ReadString();
                var at = DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64());
                var count = r.ReadInt32();
                if (count is < 0 or > 10_000) throw new SerializationException($"Bad output count {count}");
                var outputs = new List<KeyValuePair<string, string>>(count);
                for (var i = 0; i < count; i++) outputs.Add(new(r.ReadString(), r.ReadString()));
                return new EndOfDayStepDone(date, step, at, outputs);
            default:
                throw new SerializationException($"Unknown manifest {manifest}");
        }
    }
}
