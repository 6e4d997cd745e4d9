using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using ActorSwitch.Switch.EndOfDay;
using ActorSwitch.Switch.Serialization;

namespace ActorSwitch.Switch.Tests;

/// <summary>
/// Golden bytes of the end-of-day events, computed independently (Python, from the format in
/// PayloadWriter: zig-zag LEB128 varints, length-prefixed UTF-8, big-endian int64): a change that
/// breaks them breaks every journal in the field.
/// </summary>
public sealed class EndOfDaySerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("eod-serializer-tests", ConfigurationFactory.ParseString("""
        akka.actor.serializers.actorswitch = "ActorSwitch.Switch.Serialization.SwitchSerializer, ActorSwitch.Switch"
        akka.actor.serialization-bindings {
          "ActorSwitch.Switch.EndOfDay.IEndOfDayEvent, ActorSwitch.Switch" = actorswitch
        }
        """));

    private static readonly DateTimeOffset At = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);

    private const string CutOffHex = "01D2A95A000001A2185EDD80";

    private const string StepHex =
        "01D2A95A0E636F6C6C656374000001A2185EE168041A64617946696C652E636F756E7402331C64617946696C652E736861323536046162";

    private SerializerWithStringManifest Serializer =>
        (SerializerWithStringManifest)_system.Serialization.FindSerializerForType(typeof(EndOfDayCutOff));

    [Fact]
    public void The_cut_off_marker_has_stable_bytes()
    {
        var marker = new EndOfDayCutOff(new DateOnly(2026, 11, 26), At);
        Assert.IsType<SwitchSerializer>(Serializer);
        Assert.Equal("EC", Serializer.Manifest(marker));
        Assert.Equal(CutOffHex, Convert.ToHexString(Serializer.ToBinary(marker)));
        Assert.Equal(marker, Serializer.FromBinary(Convert.FromHexString(CutOffHex), "EC"));
    }

    [Fact]
    public void A_step_checkpoint_has_stable_bytes()
    {
        var step = new EndOfDayStepDone(new DateOnly(2026, 11, 26), "collect", At.AddSeconds(1),
            [new("dayFile.count", "3"), new("dayFile.sha256", "ab")]);
        Assert.Equal("ES", Serializer.Manifest(step));
        Assert.Equal(StepHex, Convert.ToHexString(Serializer.ToBinary(step)));
        var read = Assert.IsType<EndOfDayStepDone>(Serializer.FromBinary(Convert.FromHexString(StepHex), "ES"));
        Assert.Equal((step.Date, step.Step, step.At), (read.Date, read.Step, read.At));
        Assert.Equal(step.Outputs, read.Outputs);
    }

    [Fact]
    public void A_truncated_checkpoint_is_a_serialization_error() =>
        Assert.ThrowsAny<System.Runtime.Serialization.SerializationException>(() =>
            Serializer.FromBinary(Convert.FromHexString(StepHex[..^6]), "ES"));

    public void Dispose() => _system.Dispose();
}
