using System.Net;
using System.Net.Sockets;

namespace ActorSwitch.Testing;

public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A loopback TCP port nobody listens on right now, and never one this process handed out before:
    /// the OS may give a just-released port again, and a node's admin and POS ports must differ.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
                if (HandedOut.Add(port)) return port;
        }
    }
}
