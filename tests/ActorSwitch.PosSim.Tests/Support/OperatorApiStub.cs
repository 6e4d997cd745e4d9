using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorSwitch.PosSim.Tests.Support;

/// <summary>The operator API's three calls a terminal installation makes, answered with canned JSON.</summary>
internal sealed class OperatorApiStub : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _tmkAnswer;

    public OperatorApiStub(string keyBlock, string kcv)
    {
        _tmkAnswer = $$"""{"keyBlock":"{{keyBlock}}","kcv":"{{kcv}}"}""";
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    public int Port { get; }

    /// <summary>"METHOD path body" of every request, with its bearer token checked.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath;
            Requests.Enqueue($"{context.Request.HttpMethod} {path} {body}".TrimEnd());
            var authorised = context.Request.Headers["Authorization"] == "Bearer dev-admin-token";
            var (status, answer) = !authorised ? (401, "{}")
                : path.EndsWith("/tmk", StringComparison.Ordinal) ? (200, _tmkAnswer)
                : (201, body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(answer);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
