using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using ActorSwitch.Switch.Registry;

namespace ActorSwitch.Switch.Serialization;

/// <summary>
/// The explicit serializer of everything the switch persists or sends between nodes. Each type has
/// a short, stable manifest; each payload starts with a format version. Adding a type means a new
/// manifest; changing one means a new version that still reads the old ones (see the golden-bytes
/// tests). Never fall back to the default JSON serializer for these types.
/// </summary>
public sealed class SwitchSerializer : SerializerWithStringManifest
{
    /// <summary>Akka serializer id; must never change once data exists.</summary>
    public const int Id = 8583;

    private const byte V1 = 1;

    public SwitchSerializer(ExtendedActorSystem system) : base(system)
    {
    }

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        MerchantRegistered => "RM",
        MerchantFrozenChanged => "RMF",
        TerminalRegistered => "RT",
        TerminalFrozenChanged => "RTF",
        RegistrySnapshot => "RS",
        _ => throw new SerializationException($"No manifest for {o.GetType()}"),
    };

    public override byte[] ToBinary(object obj)
    {
        var w = new PayloadWriter(V1);
        switch (obj)
        {
            case RegistrySnapshot s:
                w.WriteVarInt(s.Events.Count);
                foreach (var e in s.Events)
                {
                    w.WriteString(Manifest(e));
                    WriteRegistryEvent(w, e);
                }
                break;
            case IRegistryEvent e:
                WriteRegistryEvent(w, e);
                break;
            default:
                throw new SerializationException($"Cannot serialize {obj.GetType()}");
        }
        return w.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var r = new PayloadReader(bytes);
        if (r.Version != V1) throw new SerializationException($"Unknown format version {r.Version} for manifest {manifest}");
        object result;
        if (manifest == "RS")
        {
            var count = r.ReadInt32();
            if (count < 0 || count > bytes.Length) throw new SerializationException($"Bad snapshot event count {count}");
            var events = new List<IRegistryEvent>(count);
            for (var i = 0; i < count; i++) events.Add(ReadRegistryEvent(ref r, r.ReadString()));
            result = new RegistrySnapshot(events);
        }
        else
        {
            result = ReadRegistryEvent(ref r, manifest);
        }
        if (!r.AtEnd) throw new SerializationException($"Trailing bytes after {manifest}");
        return result;
    }

    private static void WriteRegistryEvent(PayloadWriter w, IRegistryEvent e)
    {
        switch (e)
        {
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
                throw new SerializationException($"Cannot serialize {e.GetType()}");
        }
    }

    private static IRegistryEvent ReadRegistryEvent(ref PayloadReader r, string manifest) => manifest switch
    {
        "RM" => new MerchantRegistered(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadInt32()),
        "RMF" => new MerchantFrozenChanged(r.ReadString(), r.ReadBool()),
        "RT" => new TerminalRegistered(r.ReadString(), r.ReadString(), r.ReadString()),
        "RTF" => new TerminalFrozenChanged(r.ReadString(), r.ReadString(), r.ReadBool()),
        _ => throw new SerializationException($"Unknown manifest {manifest}"),
    };
}
