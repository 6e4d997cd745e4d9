using System.Runtime.Serialization;
using ActorSwitch.Iso8583;
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
        BatchSettled => "TB",
        BatchUploadReceived => "TU",
        BatchUploadEnded => "TE",
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
            case BatchSettled b:
                w.WriteVarInt(b.Batch).WriteVarInt(b.Trace);
                WriteTotals(w, b.TerminalDomestic);
                WriteTotals(w, b.TerminalForeign);
                WriteTotals(w, b.SwitchDomestic);
                w.WriteVarInt(b.DomesticResult).WriteVarInt(b.ForeignResult).WriteInt64(b.At.ToUnixTimeMilliseconds());
                break;
            case BatchUploadReceived u:
                w.WriteVarInt(u.Batch).WriteVarInt(u.Trace).WriteVarInt(u.Items.Count);
                foreach (var i in u.Items)
                    w.WriteVarInt(i.CardOrganisation).WriteVarInt(i.Trace).WriteString(i.PanToken).WriteString(i.PanMasked).WriteVarInt(i.Amount);
                break;
            case BatchUploadEnded e:
                w.WriteVarInt(e.Batch).WriteVarInt(e.Trace).WriteVarInt(e.NetworkCode);
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
                w.WriteVarInt(s.BatchEvents.Count);
                foreach (var e in s.BatchEvents)
                {
                    if (Manifest(e) is { } own)
                    {
                        w.WriteString(own);
                        Write(w, e);
                    }
                    else
                    {
                        w.WriteString(PurseCodec.Manifest(e)!);
                        PurseCodec.Write(w, e);
                    }
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
            case "TB":
                return new BatchSettled(r.ReadInt32(), r.ReadInt32(), ReadTotals(ref r), ReadTotals(ref r), ReadTotals(ref r),
                    r.ReadInt32(), r.ReadInt32(), Instant(ref r));
            case "TU":
                var (uploadBatch, uploadTrace, itemCount) = (r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
                if (itemCount < 0 || itemCount > payloadLength) throw new SerializationException($"Bad item count {itemCount}");
                var items = new List<UploadedItem>(itemCount);
                for (var i = 0; i < itemCount; i++)
                    items.Add(new UploadedItem(r.ReadInt32(), r.ReadInt32(), r.ReadString(), r.ReadString(), r.ReadVarInt()));
                return new BatchUploadReceived(uploadBatch, uploadTrace, items);
            case "TE": return new BatchUploadEnded(r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
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
                var batchEventCount = r.ReadInt32();
                if (batchEventCount < 0 || batchEventCount > payloadLength) throw new SerializationException($"Bad batch event count {batchEventCount}");
                var batchEvents = new List<ITerminalEvent>(batchEventCount);
                for (var i = 0; i < batchEventCount; i++)
                {
                    var eventManifest = r.ReadString();
                    batchEvents.Add((ITerminalEvent)(eventManifest[0] == 'P'
                        ? PurseCodec.Read(ref r, eventManifest)
                        : Read(ref r, eventManifest, payloadLength)));
                }
                return new TerminalSnapshot(tmk, pik, mak, tdk, batch, transactions, batchEvents);
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

    private static void WriteTotals(PayloadWriter w, CardTotals t) =>
        w.WriteVarInt(t.DebitAmount).WriteVarInt(t.DebitCount).WriteVarInt(t.CreditAmount).WriteVarInt(t.CreditCount);

    private static CardTotals ReadTotals(ref PayloadReader r) => new(r.ReadVarInt(), r.ReadInt32(), r.ReadVarInt(), r.ReadInt32());

    private static DateTimeOffset Instant(ref PayloadReader r) => DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64());
}
