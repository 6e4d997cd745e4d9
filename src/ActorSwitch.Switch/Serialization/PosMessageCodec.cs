using System.Runtime.Serialization;
using Akka.Actor;
using ActorSwitch.Switch.Terminals;

namespace ActorSwitch.Switch.Serialization;

/// <summary>
/// Version-1 payloads of the POS hot-path messages that cross cluster nodes (never journaled): a
/// terminal's request on its way to the node that hosts its entity, and the answer on its way back to
/// the connection. Manifests start with 'M' (message).
/// <list type="bullet">
/// <item><c>MPQ</c> <see cref="PosRequest"/>: version, entity id (string), frame (bytes), reply-to actor path
/// (string; empty for no sender). <see cref="PosRequest.ReceivedAt"/> is not carried: it is a clock reading
/// of the process that made the object, so the receiving node stamps its own on arrival.</item>
/// <item><c>MPA</c> <see cref="PosAnswer"/>: version, frame (bytes).</item>
/// </list>
/// </summary>
internal static class PosMessageCodec
{
    public const string RequestManifest = "MPQ";
    public const string AnswerManifest = "MPA";

    public static string? Manifest(object o) => o switch
    {
        PosRequest => RequestManifest,
        PosAnswer => AnswerManifest,
        _ => null,
    };

    public static void Write(PayloadWriter w, object o)
    {
        switch (o)
        {
            case PosRequest r:
                w.WriteString(r.EntityId).WriteBytes(r.Frame).WriteString(PathOf(r.ReplyTo));
                break;
            case PosAnswer a:
                w.WriteBytes(a.Frame);
                break;
            default:
                throw new SerializationException($"Cannot serialize {o.GetType()}");
        }
    }

    public static object Read(ref PayloadReader r, string manifest, ExtendedActorSystem system)
    {
        switch (manifest)
        {
            case RequestManifest:
                var entityId = r.ReadString();
                var frame = r.ReadBytes();
                var path = r.ReadString();
                return new PosRequest(entityId, frame, path.Length == 0 ? ActorRefs.Nobody : system.Provider.ResolveActorRef(path));
            case AnswerManifest:
                return new PosAnswer(r.ReadBytes());
            default:
                throw new SerializationException($"Unknown manifest {manifest}");
        }
    }

    /// <summary>The full path (with the address the remote transport serializes for) of <paramref name="actor"/>.</summary>
    private static string PathOf(IActorRef? actor) =>
        actor is null or Nobody ? string.Empty : Akka.Serialization.Serialization.SerializedActorPath(actor);
}
