using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

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

    public override string Manifest(object o) =>
        RegistryCodec.Manifest(o) ?? TerminalCodec.Manifest(o) ?? StoreAndForwardCodec.Manifest(o) ?? PurseCodec.Manifest(o) ?? EndOfDayCodec.Manifest(o)
        ?? PosMessageCodec.Manifest(o)
        ?? throw new SerializationException($"No manifest for {o.GetType()}");

    public override byte[] ToBinary(object obj)
    {
        var w = new PayloadWriter(V1);
        if (RegistryCodec.Manifest(obj) is not null) RegistryCodec.Write(w, obj);
        else if (TerminalCodec.Manifest(obj) is not null) TerminalCodec.Write(w, obj);
        else if (StoreAndForwardCodec.Manifest(obj) is not null) StoreAndForwardCodec.Write(w, obj);
        else if (PurseCodec.Manifest(obj) is not null) PurseCodec.Write(w, obj);
        else if (EndOfDayCodec.Manifest(obj) is not null) EndOfDayCodec.Write(w, obj);
        else if (PosMessageCodec.Manifest(obj) is not null) PosMessageCodec.Write(w, obj);
        else throw new SerializationException($"Cannot serialize {obj.GetType()}");
        return w.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var r = new PayloadReader(bytes);
        if (r.Version != V1) throw new SerializationException($"Unknown format version {r.Version} for manifest {manifest}");
        var result = manifest switch
        {
            ['R', ..] => RegistryCodec.Read(ref r, manifest, bytes.Length),
            ['T', ..] => TerminalCodec.Read(ref r, manifest, bytes.Length),
            ['Q', ..] => StoreAndForwardCodec.Read(ref r, manifest, bytes.Length),
            ['P', ..] => PurseCodec.Read(ref r, manifest),
            ['E', ..] => EndOfDayCodec.Read(ref r, manifest),
            ['M', ..] => PosMessageCodec.Read(ref r, manifest, system),
            _ => throw new SerializationException($"Unknown manifest {manifest}"),
        };
        if (!r.AtEnd) throw new SerializationException($"Trailing bytes after {manifest}");
        return result;
    }
}
