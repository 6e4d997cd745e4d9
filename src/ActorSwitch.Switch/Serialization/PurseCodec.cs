using System.Runtime.Serialization;
using ActorSwitch.Switch.Purse;
using ActorSwitch.Switch.Terminals;

namespace ActorSwitch.Switch.Serialization;

/// <summary>Version-1 payloads of offline purse records: the terminals' events and the purse cards' claims.</summary>
internal static class PurseCodec
{
    public static string? Manifest(object o) => o switch
    {
        PurseRecordAccepted => "PRA",
        PurseRecordRejected => "PRR",
        OfflineSequenceClaimed => "PSC",
        ClaimOfflineRecord => "PCM",
        OfflineRecordClaim => "PCA",
        _ => null,
    };

    public static void Write(PayloadWriter w, object o)
    {
        switch (o)
        {
            case PurseRecordAccepted a:
                w.WriteString(a.Rrn).WriteString(a.Record);
                break;
            case PurseRecordRejected r:
                w.WriteVarInt(r.Batch).WriteVarInt(r.Trace).WriteString(r.Record).WriteString(r.Reason).WriteInt64(r.At.ToUnixTimeMilliseconds());
                break;
            case OfflineSequenceClaimed c:
                w.WriteVarInt(c.OfflineSequence);
                WriteOwner(w, c.Owner);
                break;
            case ClaimOfflineRecord m:
                w.WriteString(m.CardSerial).WriteVarInt(m.OfflineSequence);
                WriteOwner(w, m.Owner);
                break;
            case OfflineRecordClaim a:
                w.WriteString(a.CardSerial).WriteVarInt(a.OfflineSequence);
                WriteOwner(w, a.Owner);
                break;
            default:
                throw new SerializationException($"Cannot serialize {o.GetType()}");
        }
    }

    public static object Read(ref PayloadReader r, string manifest) => manifest switch
    {
        "PRA" => new PurseRecordAccepted(r.ReadString(), r.ReadString()),
        "PRR" => new PurseRecordRejected(r.ReadInt32(), r.ReadInt32(), r.ReadString(), r.ReadString(),
            DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64())),
        "PSC" => new OfflineSequenceClaimed(r.ReadInt32(), ReadOwner(ref r)),
        "PCM" => new ClaimOfflineRecord(r.ReadString(), r.ReadInt32(), ReadOwner(ref r)),
        "PCA" => new OfflineRecordClaim(r.ReadString(), r.ReadInt32(), ReadOwner(ref r)),
        _ => throw new SerializationException($"Unknown manifest {manifest}"),
    };

    private static void WriteOwner(PayloadWriter w, PurseRecordOwner o) => w.WriteString(o.TerminalEntityId).WriteVarInt(o.Batch).WriteVarInt(o.Trace);

    private static PurseRecordOwner ReadOwner(ref PayloadReader r) => new(r.ReadString(), r.ReadInt32(), r.ReadInt32());
}
