using System.Net;
using System.Net.Sockets;

namespace ActorSwitch.Testing;

/// <summary>
/// Ports for the servers tests start. They come from below the kernel's ephemeral range
/// (32768-60999 here), so that no outgoing connection of any process can take a node's port while
/// the node is down for a restart; and each is claimed with a lock file held for the life of the
/// test process, so that test assemblies running side by side never hand out the same port.
/// </summary>
public static class FreePort
{
    private const int First = 20_000;
    private const int Last = 32_000;
    private static readonly string LockDirectory = Path.Combine(Path.GetTempPath(), "actorswitch-ports");
    private static readonly List<FileStream> Claims = [];

    public static int Next()
    {
        Directory.CreateDirectory(LockDirectory);
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            FileStream claim;
            try
            {
                // FileShare.None is an exclusive flock on Unix: released by the kernel when the process dies.
                claim = new FileStream(Path.Combine(LockDirectory, port + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue; // another live test process holds it
            }
            lock (Claims)
            {
                if (Claims.Any(c => c.Name == claim.Name)) { claim.Dispose(); continue; }
                if (!Bindable(port)) { claim.Dispose(); continue; }
                Claims.Add(claim);
                return port;
            }
        }
        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }

    private static bool Bindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
