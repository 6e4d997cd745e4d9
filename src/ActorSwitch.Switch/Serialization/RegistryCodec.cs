using System.Runtime.Serialization;
using ActorSwitch.Switch.Registry;

namespace ActorSwitch.Switch.Serialization;

/// <summary>Version-1 payloads of the registry's events and snapshot.</summary>
internal static class RegistryCodec
{
    public static string? Manifest(object o) => o switch
    {
        MerchantRegistered => "RM",
        MerchantFrozenChanged => "RMF",
        TerminalRegistered => "RT",
        TerminalFrozenChanged => "RTF",
        RegistrySnapshot => "RS",
        _ => null,
    };

    public static void Write(PayloadWriter w, object o)
    {
        switch (o)
        {
            case RegistrySnapshot s:
                w.WriteVarInt(s.Events.Count);
                foreach (var e in s.Events)
                {
                    w.WriteString(Manifest(e)!);
                    Write(w, e);
                }
                break;
            case MerchantRegistered m:
                w.WriteString(m.MerchantId).WriteString(m.Name).WriteString(m.Mcc).WriteVarInt(m.FeeRateBasisPoints);
                break;
            case MerchantFrozenChanged f:
                w.WriteString(f.MerchantId).WriteBool(f.Frozen);
                break;
            case TerminalRegistered t:
                w.WriteString(t.MerchantId).WriteString(t.TerminalId).WriteString(t.Model);
                break;
            case TerminalFrozenChanged f:
                w.WriteString(f.MerchantId).WriteString(f.TerminalId).WriteBool(f.Frozen);
                break;
            default:
                throw new SerializationException($"Cannot serialize {o.GetType()}");
        }
    }

    public static object Read(ref PayloadReader r, string manifest, int payloadLength)
    {
        if (manifest != "RS") return ReadEvent(ref r, manifest);
        var count = r.ReadInt32();
        if (count < 0 || count > payloadLength) throw new SerializationException($"Bad snapshot event count {count}");
        var events = new List<IRegistryEvent>(count);
        for (var i = 0; i < count; i++) events.Add(ReadEvent(ref r, r.ReadString()));
        return new RegistrySnapshot(events);
    }

    private static IRegistryEvent ReadEvent(ref PayloadReader r, string manifest) => manifest switch
    {
        "RM" => new MerchantRegistered(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadInt32()),
        "RMF" => new MerchantFrozenChanged(r.ReadString(), r.ReadBool()),
        "RT" => new TerminalRegistered(r.ReadString(), r.ReadString(), r.ReadString()),
        "RTF" => new TerminalFrozenChanged(r.ReadString(), r.ReadString(), r.ReadBool()),
        _ => throw new SerializationException($"Unknown manifest {manifest}"),
    };
}
