using ActorSwitch.Testing;

namespace ActorSwitch.Node.Tests;

/// <summary>One node process shared by the tests of a class (start-up takes seconds).</summary>
public sealed class NodeFixture : IAsyncLifetime
{
    public NodeProcess Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await NodeProcess.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
