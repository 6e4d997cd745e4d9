using ActorSwitch.Iso8583;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace ActorSwitch.Central.Network;

/// <summary>
/// Kestrel hands each TCP connection of the central host port here: frames are cut from the Pipelines
/// buffer (4-digit ASCII length), each handled in turn by the <see cref="MessageRouter"/>, whose answers
/// go out later through the connection's writer loop. A bad length prefix closes the connection.
/// </summary>
public sealed class CentralConnectionHandler(MessageRouter router, ConnectionRegistry registry,
    ILogger<CentralConnectionHandler> logger) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext context)
    {
        var connection = new CentralConnection(context);
        registry.Add(connection);
        logger.LogInformation("Connection {Id} opened from {Peer}", connection.Id, connection.Peer);
        var writer = connection.RunWriterAsync();
        var reason = "closed by peer";
        var input = context.Transport.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync();
                connection.MarkActivity();
                var buffer = result.Buffer;
                FrameError error;
                while (FrameReader.TryReadFrame(ref buffer, Dialects.CentralHost, out var frame, out error))
                    router.Handle(connection, frame);
                if (error != FrameError.None)
                {
                    reason = $"bad frame length prefix ({error})";
                    logger.LogWarning("Closing connection from {Peer}: {Reason}", connection.Peer, reason);
                    break;
                }
                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled) break;
            }
        }
        catch (Exception error) when (error is IOException or ConnectionAbortedException or ConnectionResetException
                                          or OperationCanceledException)
        {
            reason = error.Message;
        }
        finally
        {
            registry.Remove(connection);
            connection.CompleteOutbound();
            await writer;
            await input.CompleteAsync();
        }
        logger.LogInformation("Connection {Id} from {Peer} ended after {Messages} messages: {Reason}",
            connection.Id, connection.Peer, connection.MessagesReceived, reason);
    }
}
