using ActorSwitch.Testing;

namespace ActorSwitch.Central.Tests.Support;

public static class CentralProcessExtensions
{
    /// <summary>A test client on the simulator's host link, signed on unless asked otherwise.</summary>
    public static Task<CentralClient> ConnectAsync(this CentralProcess central, bool signOn = true) =>
        CentralClient.ConnectAsync(central.Port, signOn);
}
