using System.Runtime.Serialization;
using ActorSwitch.Switch.Pos;
using ActorSwitch.Switch.Terminals;

namespace ActorSwitch.Switch.Serialization;

/// <summary>Version-1 payloads of the terminal entities' events and snapshots.</summary>
internal static class TerminalCodec
{
    public static string? Manifest(object o) => o switch
    {
        TerminalMasterKeyInstalled => "TK",
        TerminalSignedOn => "TS",
        TerminalSignedOff => "TO",
        TransactionStarted => "TX",
        TransactionCompleted => "TC",
        TransactionTimedOut => "TT",
        TransactionReversed => "TR",
        HandedToStoreAndForward => "TH",
        TerminalSnapshot => "TSN",
        SweepCheckpoint => "TW",
        _ => null,
    };

    public static void Write(PayloadWriter w, object o)
    {
        switch (o)
        {
            case TerminalMasterKeyInstalled k:
                w.WriteString(k.TmkBlock).WriteInt64(k.At.ToUnixTimeMilliseconds());
                break;
            case TerminalSignedOn s:
                w.WriteString(s.PinKeyBlock).WriteString(s.MacKeyBlock).WriteOptional(s.TrackKeyBlock).WriteVarInt(s.Batch)
                    .WriteInt64(s.At.ToUnixTimeMilliseconds());
                break;
            case TerminalSignedOff s:
                w.WriteInt64(s.At.ToUnixTimeMilliseconds());
                break;
            case TransactionStarted t:
                WriteRecord(w, t.Transaction);
                break;
            case TransactionCompleted c:
                w.WriteString(c.Rrn).WriteString(c.ResponseCode).WriteOptional(c.AuthCode).WriteOptional(c.Balance);
                break;
            case TransactionTimedOut t:
                w.WriteString(t.Rrn);
                break;
            case TransactionReversed r:
                w.WriteString(r.Rrn).WriteVarInt(r.ReversalTrace).WriteVarInt(r.ReversalBatch).WriteString(r.Reason)
                    .WriteInt64(r.At.ToUnixTimeMilliseconds());
                break;
            case HandedToStoreAndForward h:
                w.WriteString(h.Rrn);
                break;
            case SweepCheckpoint c:
                w.WriteVarInt(c.Offset);
                break;
            case TerminalSnapshot s:
                w.WriteOptional(s.TmkBlock).WriteOptional(s.PinKeyBlock).WriteOptional(s.MacKeyBlock).WriteOptional(s.TrackKeyBlock)
                    .WriteVarInt(s.Batch).WriteVarInt(s.Transactions.Count);
                foreach (var t in s.Transactions)
                {
                    WriteRecord(w, t.Record);
                    w.WriteByte((byte)t.Status).WriteOptional(t.ResponseCode).WriteOptional(t.AuthCode).WriteOptional(t.Balance)
                        .WriteBool(t.TimedOut).WriteBool(t.HandedToStoreAndForward).WriteVarInt(t.ReversalTrace).WriteVarInt(t.ReversalBatch);
                }
                break;
            default:
                throw new SerializationException($"Cannot serialize {o.GetType()}");
        }
    }

    public static object Read(ref PayloadReader r, string manifest, int payloadLength)
    {
        switch (manifest)
        {
            case "TK": return new TerminalMasterKeyInstalled(r.ReadString(), Instant(ref r));
            case "TS": return new TerminalSignedOn(r.ReadString(), r.ReadString(), r.ReadOptional(), r.ReadInt32(), Instant(ref r));
            case "TO": return new TerminalSignedOff(Instant(ref r));
            case "TX": return new TransactionStarted(ReadRecord(ref r));
            case "TC": return new TransactionCompleted(r.ReadString(), r.ReadString(), r.ReadOptional(), r.ReadOptional());
            case "TT": return new TransactionTimedOut(r.ReadString());
            case "TR": return new TransactionReversed(r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadString(), Instant(ref r));
            case "TH": return new HandedToStoreAndForward(r.ReadString());
            case "TW": return new SweepCheckpoint(r.ReadVarInt());
            case "TSN":
                var (tmk, pik, mak, tdk, batch) = (r.ReadOptional(), r.ReadOptional(), r.ReadOptional(), r.ReadOptional(), r.ReadInt32());
                var count = r.ReadInt32();
                if (count < 0 || count > payloadLength) throw new SerializationException($"Bad transaction count {count}");
                var transactions = new List<TransactionSnapshot>(count);
                for (var i = 0; i < count; i++)
                {
                    var record = ReadRecord(ref r);
                    var status = (TransactionStatus)r.ReadByte();
                    if (!Enum.IsDefined(status)) throw new SerializationException($"Unknown transaction status {(byte)status}");
                    transactions.Add(new TransactionSnapshot(record, status, r.ReadOptional(), r.ReadOptional(), r.ReadOptional(),
                        r.ReadBool(), r.ReadBool(), r.ReadInt32(), r.ReadInt32()));
                }
                return new TerminalSnapshot(tmk, pik, mak, tdk, batch, transactions);
            default:
                throw new SerializationException($"Unknown manifest {manifest}");
        }
    }

    public static void WriteRecord(PayloadWriter w, TransactionRecord t) =>
        w.WriteString(t.Rrn).WriteByte((byte)t.Kind).WriteVarInt(t.Mti).WriteVarInt(t.Batch).WriteVarInt(t.Trace)
            .WriteString(t.PanToken).WriteString(t.PanEncrypted).WriteString(t.PanMasked).WriteVarInt(t.Amount)
            .WriteVarInt(t.ProcessingCode).WriteVarInt(t.EntryMode).WriteVarInt(t.ConditionCode)
            .WriteInt64(t.At.ToUnixTimeMilliseconds()).WriteVarInt(t.SettlementDate.DayNumber).WriteOptional(t.OriginalRrn);

    public static TransactionRecord ReadRecord(ref PayloadReader r)
    {
        var rrn = r.ReadString();
        var kind = (PosMessageKind)r.ReadByte();
        if (!Enum.IsDefined(kind)) throw new SerializationException($"Unknown transaction kind {(byte)kind}");
        return new TransactionRecord(rrn, kind, r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadString(), r.ReadString(),
            r.ReadString(), r.ReadVarInt(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), Instant(ref r),
            DateOnly.FromDayNumber(r.ReadInt32()), r.ReadOptional());
    }

    private static DateTimeOffset Instant(ref PayloadReader r) => DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64());
}
