using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using ActorSwitch.Switch.Registry;
using ActorSwitch.Switch.Serialization;

namespace ActorSwitch.Switch.Tests;

/// <summary>
/// Events written by this version must read forever. The byte strings below are the version-1
/// format as this release writes it (computed independently from the format description in
/// <see cref="PayloadWriter"/>); a change that breaks them breaks every journal in the field.
/// </summary>
public sealed class SwitchSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer-tests", ConfigurationFactory.ParseString("""
        akka.actor.serializers.actorswitch = "ActorSwitch.Switch.Serialization.SwitchSerializer, ActorSwitch.Switch"
        akka.actor.serialization-bindings {
          "ActorSwitch.Switch.Registry.IRegistryEvent, ActorSwitch.Switch" = actorswitch
          "ActorSwitch.Switch.Registry.RegistrySnapshot, ActorSwitch.Switch" = actorswitch
        }
        """));

    private SerializerWithStringManifest Serializer =>
        (SerializerWithStringManifest)_system.Serialization.FindSerializerForType(typeof(MerchantRegistered));

    public static TheoryData<string, string, object> GoldenEvents => new()
    {
        { "RM", "011E33303933313030383339383530303816E59586E688B72053686F70083534313178",
            new MerchantRegistered("309310083985008", "商户 Shop", "5411", 60) },
        { "RMF", "011E33303933313030383339383530303801", new MerchantFrozenChanged("309310083985008", true) },
        { "RT", "011E3330393331303038333938353030381035303038303030310E50415820533930",
            new TerminalRegistered("309310083985008", "50080001", "PAX S90") },
        { "RTF", "011E33303933313030383339383530303810353030383030303100",
            new TerminalFrozenChanged("309310083985008", "50080001", false) },
    };

    [Theory]
    [MemberData(nameof(GoldenEvents))]
    public void Version_1_bytes_still_read(string manifest, string hex, object expected)
    {
        Assert.IsType<SwitchSerializer>(Serializer);
        Assert.Equal(expected, Serializer.FromBinary(Convert.FromHexString(hex), manifest));
    }

    [Theory]
    [MemberData(nameof(GoldenEvents))]
    public void Writes_the_version_1_bytes(string manifest, string hex, object value)
    {
        Assert.Equal(manifest, Serializer.Manifest(value));
        Assert.Equal(hex, Convert.ToHexString(Serializer.ToBinary(value)));
    }

    [Fact]
    public void Snapshot_round_trips()
    {
        var snapshot = new RegistrySnapshot([
            new MerchantRegistered("309310083985008", "Shop", "5411", 60),
            new TerminalRegistered("309310083985008", "50080001", "PAX"),
            new TerminalFrozenChanged("309310083985008", "50080001", true),
        ]);
        var back = (RegistrySnapshot)Serializer.FromBinary(Serializer.ToBinary(snapshot), Serializer.Manifest(snapshot));
        Assert.Equal(snapshot.Events, back.Events);
    }

    [Theory]
    [InlineData("RM", "01")]                 // truncated
    [InlineData("RM", "021E")]               // unknown version
    [InlineData("RMF", "011E3330393331303038333938353030380102")] // trailing byte
    [InlineData("RMF", "011E33303933313030383339383530303807")]   // not a boolean
    [InlineData("XX", "01")]                 // unknown manifest
    public void Corrupt_payloads_are_a_serialization_error_not_a_crash(string manifest, string hex)
    {
        Assert.Throws<System.Runtime.Serialization.SerializationException>(() =>
            Serializer.FromBinary(Convert.FromHexString(hex), manifest));
    }

    public void Dispose() => _system.Dispose();
}
