using ActorSwitch.Testing;
using ActorSwitch.Central.Tests.Support;

namespace ActorSwitch.Central.Tests;

/// <summary>A process of its own, with a one-second idle timeout instead of 90 s.</summary>
public sealed class IdleTimeoutTests
{
    [Fact]
    public async Task A_silent_connection_is_closed_and_an_echoing_one_is_not()
    {
        await using var central = await CentralProcess.StartAsync("--idle-timeout-seconds", "2");
        await using var silent = await central.ConnectAsync();
        await using var echoing = await central.ConnectAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            Assert.Equal("00", (await echoing.NetworkManagementAsync("301")).ResponseCode);
            await Task.Delay(500);
        }
        Assert.True(silent.Closed.IsCompleted, "the silent connection is closed");
        Assert.False(echoing.Closed.IsCompleted);
        Assert.Contains("silent for", central.Output);
    }
}
