using ActorSwitch.Testing;
namespace ActorSwitch.Central.Tests.Support;

/// <summary>One simulator for the tests that do not change its faults or restart it; each test uses
/// cards and RRNs of its own.</summary>
public sealed class SharedCentral : IAsyncLifetime
{
    public CentralProcess Central { get; private set; } = null!;

    public async Task InitializeAsync() => Central = await CentralProcess.StartAsync();

    public async Task DisposeAsync() => await Central.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedCentralCollection : ICollectionFixture<SharedCentral>
{
    public const string Name = "shared central simulator";
}
