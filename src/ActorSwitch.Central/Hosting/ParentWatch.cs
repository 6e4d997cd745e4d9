using System.Diagnostics;

namespace ActorSwitch.Central.Hosting;

/// <summary>
/// A simulator started by a node lives as long as that node: when the node is killed (kill -9 leaves
/// children running), the simulator stops gracefully too, so that the restarted node's new simulator
/// is the only one writing to the ledger.
/// </summary>
public static class ParentWatch
{
    public static async Task StopWhenGoneAsync(int parentPid, IHostApplicationLifetime lifetime, ILogger log)
    {
        while (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            if (!IsAlive(parentPid))
            {
                log.LogWarning("Parent process {Pid} is gone; stopping", parentPid);
                lifetime.StopApplication();
                return;
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
