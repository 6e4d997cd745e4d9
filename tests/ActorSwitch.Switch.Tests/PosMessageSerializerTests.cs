using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using ActorSwitch.Switch.Serialization;
using ActorSwitch.Switch.Terminals;

namespace ActorSwitch.Switch.Tests;

/// <summary>
/// The POS hot-path messages that travel between cluster nodes (<see cref="PosRequest"/> to the node of the
/// terminal's entity, <see cref="PosAnswer"/> back to the connection) use the switch's binary format, bound in
/// hocon/akka.conf, not Akka's JSON default. The byte strings are the version-1 format computed independently
/// from the description in <c>PosMessageCodec</c> (version byte; strings and byte arrays as a zig-zag LEB128
/// length and the bytes).
/// </summary>
public sealed class PosMessageSerializerTests : IDisposable
{
    private const string EntityId = "309310083985008:50080001";
    private static readonly byte[] RequestFrame = Convert.FromHexString("600000000102");

    private const string AnswerHex = "01080002ABCD";

    // "akka://pos-message-tests/deadLetters" (dead letters has no uid, so the path is stable).
    private const string RequestToDeadLettersHex =
        "0130" + "3330393331303038333938353030383A3530303830303031" + "0C" + "600000000102" +
        "48" + "616B6B613A2F2F706F732D6D6573736167652D74657374732F646561644C657474657273";

    private const string RequestWithoutSenderHex =
        "0130" + "3330393331303038333938353030383A3530303830303031" + "0C" + "600000000102" + "00";

    private readonly ActorSystem _system = ActorSystem.Create("pos-message-tests", NodeBindings("akka.actor.provider = local"));

    public void Dispose() => _system.Dispose();

    /// <summary>The node's own akka.conf (its serializers and bindings), on a provider the test chooses.</summary>
    private static Config NodeBindings(string overrides)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ActorSwitch.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var akkaConf = ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(root.FullName, "hocon", "akka.conf")));
        return ConfigurationFactory.ParseString(overrides).WithFallback(akkaConf);
    }

    private static SerializerWithStringManifest SerializerFor(ActorSystem system, object message)
    {
        var serializer = system.Serialization.FindSerializerFor(message);
        return Assert.IsType<SwitchSerializer>(serializer);
    }

    [Fact]
    public void Both_messages_are_bound_to_the_switch_serializer_in_akka_conf()
    {
        Assert.IsType<SwitchSerializer>(_system.Serialization.FindSerializerFor(new PosAnswer([1])));
        Assert.IsType<SwitchSerializer>(_system.Serialization.FindSerializerFor(new PosRequest(EntityId, [1], _system.DeadLetters)));
    }

    [Fact]
    public void Answer_writes_and_reads_the_version_1_bytes()
    {
        var answer = new PosAnswer(Convert.FromHexString("0002ABCD"));
        var serializer = SerializerFor(_system, answer);
        Assert.Equal("MPA", serializer.Manifest(answer));
        Assert.Equal(AnswerHex, Convert.ToHexString(serializer.ToBinary(answer)));

        var read = Assert.IsType<PosAnswer>(serializer.FromBinary(Convert.FromHexString(AnswerHex), "MPA"));
        Assert.Equal(answer.Frame, read.Frame);
    }

    [Fact]
    public void Request_writes_and_reads_the_version_1_bytes()
    {
        var request = new PosRequest(EntityId, RequestFrame, _system.DeadLetters);
        var serializer = SerializerFor(_system, request);
        Assert.Equal("MPQ", serializer.Manifest(request));
        Assert.Equal(RequestToDeadLettersHex, Convert.ToHexString(serializer.ToBinary(request)));

        var read = Assert.IsType<PosRequest>(serializer.FromBinary(Convert.FromHexString(RequestToDeadLettersHex), "MPQ"));
        Assert.Equal(EntityId, read.EntityId);
        Assert.Equal(RequestFrame, read.Frame);
        Assert.Equal(_system.DeadLetters, read.ReplyTo);
    }

    [Fact]
    public void Request_without_a_sender_reads_as_nobody()
    {
        var request = new PosRequest(EntityId, RequestFrame, ActorRefs.Nobody);
        var serializer = SerializerFor(_system, request);
        Assert.Equal(RequestWithoutSenderHex, Convert.ToHexString(serializer.ToBinary(request)));
        var read = Assert.IsType<PosRequest>(serializer.FromBinary(Convert.FromHexString(RequestWithoutSenderHex), "MPQ"));
        Assert.True(read.ReplyTo.IsNobody());
    }

    [Fact]
    public void Request_round_trips_with_a_live_actor_and_a_fresh_arrival_stamp()
    {
        var connection = _system.ActorOf(Props.Empty, "connection");
        var request = new PosRequest(EntityId, RequestFrame, connection);
        var serializer = SerializerFor(_system, request);
        var read = Assert.IsType<PosRequest>(serializer.FromBinary(serializer.ToBinary(request), serializer.Manifest(request)));
        Assert.Equal(EntityId, read.EntityId);
        Assert.Equal(RequestFrame, read.Frame);
        Assert.Equal(connection, read.ReplyTo); // same path and uid
        Assert.True(read.ReceivedAt >= request.ReceivedAt, "the arrival stamp is this process's clock at deserialization");
    }

    [Theory]
    [InlineData("MPQ", "01")]
    [InlineData("MPQ", "0130")]
    [InlineData("MPA", "0108AB")]
    [InlineData("MPA", "01080002ABCD00")]
    [InlineData("MPX", "0100")]
    public void Short_trailing_or_unknown_payloads_are_refused(string manifest, string hex)
    {
        var serializer = SerializerFor(_system, new PosAnswer([1]));
        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary(Convert.FromHexString(hex), manifest));
    }

    /// <summary>
    /// Between two nodes: the path written on one carries its address, the other resolves it to a remote
    /// reference, and an answer sent there arrives at the original connection actor, serialized both ways.
    /// </summary>
    [Fact]
    public async Task Request_crosses_nodes_and_the_answer_comes_back_to_the_connection()
    {
        const string remote = """
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.actor.serialize-messages = off
            """;
        using var nodeA = ActorSystem.Create("switch", NodeBindings(remote));
        using var nodeB = ActorSystem.Create("switch", NodeBindings(remote));
        var answered = new TaskCompletionSource<PosAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connection = nodeA.ActorOf(Props.Create(() => new Forwarder(answered)), "pos-connection");
        // An entity on node B: answers whoever the request names, across the wire.
        var entity = nodeB.ActorOf(Props.Create(() => new Answerer()), "entity");
        var entityFromA = await nodeA.ActorSelection(entity.Path.ToStringWithAddress(((ExtendedActorSystem)nodeB).Provider.DefaultAddress))
            .ResolveOne(TimeSpan.FromSeconds(10));

        var bytes = SerializerFor(nodeA, new PosAnswer([])).ToBinary(new PosRequest(EntityId, RequestFrame, connection));
        Assert.Contains("akka.tcp://switch@127.0.0.1:", System.Text.Encoding.UTF8.GetString(bytes));

        entityFromA.Tell(new PosRequest(EntityId, RequestFrame, connection));
        var answer = await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RequestFrame.Reverse().ToArray(), answer.Frame);
    }

    private sealed class Answerer : ReceiveActor
    {
        public Answerer() => Receive<PosRequest>(r => r.ReplyTo.Tell(new PosAnswer(r.Frame.Reverse().ToArray())));
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(TaskCompletionSource<PosAnswer> answered) => Receive<PosAnswer>(a => answered.TrySetResult(a));
    }
}
