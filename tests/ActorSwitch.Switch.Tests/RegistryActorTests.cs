using Akka.Actor;
using Akka.TestKit.Xunit2;
using ActorSwitch.Switch.Registry;

namespace ActorSwitch.Switch.Tests;

/// <summary>The registry's rules, against the in-memory journal (the SQLite path is covered end to end in the node tests).</summary>
public sealed class RegistryActorTests : TestKit
{
    private readonly RegistryView _view = new();

    // The suite runs its assemblies side by side on 2 cores (three cluster nodes and PostgreSQL among
    // them): an answer may take seconds to arrive. Nothing here is about speed.
    public RegistryActorTests() : base("akka.test.single-expect-default = 15s")
    {
    }

    private IActorRef Registry() => Sys.ActorOf(RegistryActor.Props(_view));

    [Fact]
    public void A_terminal_needs_a_registered_merchant()
    {
        var registry = Registry();
        registry.Tell(new RegisterTerminal("309310083985008", "50080001", "PAX"), TestActor);
        Assert.Equal(RegistryOutcome.NotFound, ExpectMsg<RegistryReply>().Outcome);
        Assert.Equal(0, _view.TerminalCount);
    }

    [Fact]
    public void Confirmed_registrations_are_in_the_view_and_repeat_registration_is_idempotent()
    {
        var registry = Registry();
        registry.Tell(new RegisterMerchant("309310083985008", "Shop", "5411", 60), TestActor);
        Assert.Equal(RegistryOutcome.Done, ExpectMsg<RegistryReply>().Outcome);
        registry.Tell(new RegisterTerminal("309310083985008", "50080001", "PAX"), TestActor);
        Assert.Equal(RegistryOutcome.Done, ExpectMsg<RegistryReply>().Outcome);

        Assert.NotNull(_view.FindTerminal("309310083985008:50080001".AsSpan()));
        Assert.Null(_view.FindTerminal("309310083985008:50080002".AsSpan()));

        registry.Tell(new RegisterTerminal("309310083985008", "50080001", "PAX"), TestActor);
        Assert.Equal(RegistryOutcome.Done, ExpectMsg<RegistryReply>().Outcome);
        registry.Tell(new RegisterTerminal("309310083985008", "50080001", "Other"), TestActor);
        Assert.Equal(RegistryOutcome.Conflict, ExpectMsg<RegistryReply>().Outcome);
        Assert.Equal(1, _view.TerminalCount);
    }

    [Fact]
    public void Frozen_state_is_recovered_by_a_new_incarnation()
    {
        var registry = Registry();
        registry.Tell(new RegisterMerchant("309310083985008", "Shop", "5411", 60), TestActor);
        registry.Tell(new SetMerchantFrozen("309310083985008", true), TestActor);
        ExpectMsg<RegistryReply>();
        ExpectMsg<RegistryReply>();
        Watch(registry);
        Sys.Stop(registry);
        ExpectTerminated(registry);

        var freshView = new RegistryView();
        Sys.ActorOf(RegistryActor.Props(freshView));
        AwaitCondition(() => freshView.IsRecovered);
        Assert.True(freshView.FindMerchant("309310083985008")!.Frozen);
    }
}
