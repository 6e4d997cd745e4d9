using System.Runtime.Serialization;
using ActorSwitch.Switch.Centre;

namespace ActorSwitch.Switch.Serialization;

/// <summary>Version-1 payloads of the store-and-forward queues' events and snapshots.</summary>
internal static class StoreAndForwardCodec
{
    public static string? Manifest(object o) => o switch
    {
        StoreAndForwardEnqueued => "QE",
        StoreAndForwardDelivered => "QD",
        StoreAndForwardSnapshot => "QSN",
        EnqueueForCentre => "QM",
        StoreAndForwardAccepted => "QA",
        _ => null,
    };

    public static void Write(PayloadWriter w, object o)
    {
        switch (o)
        {
            case StoreAndForwardEnqueued e:
                WriteEntry(w, e.Entry);
                break;
            case StoreAndForwardDelivered d:
                w.WriteString(d.Rrn).WriteBool(d.IsReversal).WriteString(d.ResponseCode);
                break;
            case StoreAndForwardSnapshot s:
                w.WriteVarInt(s.Pending.Count);
                foreach (var entry in s.Pending) WriteEntry(w, entry);
                break;
            case EnqueueForCentre m:
                w.WriteString(m.QueueId);
                WriteEntry(w, m.Entry);
                break;
            case StoreAndForwardAccepted a:
                w.WriteString(a.Rrn);
                break;
            default:
                throw new SerializationException($"Cannot serialize {o.GetType()}");
        }
    }

    public static object Read(ref PayloadReader r, string manifest, int payloadLength)
    {
        switch (manifest)
        {
            case "QE": return new StoreAndForwardEnqueued(ReadEntry(ref r));
            case "QD": return new StoreAndForwardDelivered(r.ReadString(), r.ReadBool(), r.ReadString());
            case "QSN":
                var count = r.ReadInt32();
                if (count < 0 || count > payloadLength) throw new SerializationException($"Bad entry count {count}");
                var entries = new List<StoreAndForwardEntry>(count);
                for (var i = 0; i < count; i++) entries.Add(ReadEntry(ref r));
                return new StoreAndForwardSnapshot(entries);
            case "QM": return new EnqueueForCentre(r.ReadString(), ReadEntry(ref r));
            case "QA": return new StoreAndForwardAccepted(r.ReadString());
            default: throw new SerializationException($"Unknown manifest {manifest}");
        }
    }

    private static void WriteEntry(PayloadWriter w, StoreAndForwardEntry e)
    {
        w.WriteString(e.MerchantId).WriteString(e.TerminalId).WriteBool(e.IsReversal);
        TerminalCodec.WriteRecord(w, e.Transaction);
    }

    private static StoreAndForwardEntry ReadEntry(ref PayloadReader r)
    {
        var (merchant, terminal, reversal) = (r.ReadString(), r.ReadString(), r.ReadBool());
        return new StoreAndForwardEntry(merchant, terminal, TerminalCodec.ReadRecord(ref r), reversal);
    }
}
