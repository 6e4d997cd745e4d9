using System.Buffers;
using ActorSwitch.Central.Ledger;
using ActorSwitch.Iso8583;
using Microsoft.Extensions.Logging;

namespace ActorSwitch.Central.Network;

/// <summary>
/// Parses one frame and sends it to the handler of its MTI. A frame that does not parse is answered 30
/// when its MTI is a readable request MTI, otherwise the connection is closed. Nothing a peer sends
/// can throw out of here: an unexpected failure is logged and answered 96.
/// </summary>
public sealed class MessageRouter(NetworkManagementHandler networkManagement, FinancialHandler financial,
    SettlementClock clock, ILogger<MessageRouter> logger)
{
    public void Handle(CentralConnection connection, in ReadOnlySequence<byte> frame)
    {
        connection.CountMessage();
        var request = connection.Request;
        if (!IsoReader.TryParse(frame, request, out var error))
        {
            HandleMalformed(connection, request, error);
            return;
        }
        try
        {
            switch (request.Mti)
            {
                case 800:
                    networkManagement.Handle(connection, request);
                    break;
                case 100 or 200 or 220 or 221 or 420 or 421:
                    financial.Handle(connection, request);
                    break;
                case var mti when IsRequest(mti):
                    logger.LogWarning("Unsupported MTI {Mti:D4} from {Peer}: answered 12", mti, connection.Peer);
                    AnswerWithoutDecision(connection, request, ResponseCodes.InvalidTransaction);
                    break;
                default:
                    // An answer we never asked for (the centre sends no requests): nothing to answer.
                    logger.LogWarning("Unexpected answer MTI {Mti:D4} from {Peer}: ignored", request.Mti, connection.Peer);
                    break;
            }
        }
        catch (Exception unexpected)
        {
            logger.LogError(unexpected, "Failed to handle MTI {Mti:D4} from {Peer}: answered 96", request.Mti, connection.Peer);
            AnswerWithoutDecision(connection, request, ResponseCodes.SystemMalfunction);
        }
    }

    private void HandleMalformed(CentralConnection connection, IsoMessage request, IsoError error)
    {
        var readableRequest = (error.Decoded & IsoParts.Mti) != 0 && IsRequest(request.Mti);
        logger.LogWarning("Malformed frame from {Peer}: {Kind} in field {Field} at byte {Offset}{Action}", connection.Peer,
            error.Kind, error.Field, error.Offset, readableRequest ? $"; MTI {request.Mti:D4} answered 30" : "; closing the connection");
        if (!readableRequest)
        {
            connection.Close("unparsable frame");
            return;
        }
        var answer = connection.Answer;
        answer.Clear();
        answer.SetMti(request.Mti + 10);
        answer.SetAscii(39, ResponseCodes.FormatError);
        connection.Send(OutboundFrame.Encode(answer, mac: null));
    }

    /// <summary>Request MTIs have an even third digit (x0xx request, x2xx advice, x4xx repeat...); answers odd.</summary>
    private static bool IsRequest(int mti) => mti is >= 0 and <= 9999 && (mti / 10 % 10) % 2 == 0;

    private void AnswerWithoutDecision(CentralConnection connection, IsoMessage request, string responseCode)
    {
        var answer = connection.Answer;
        AnswerFields.Start(answer, request, request.Mti + 10);
        answer.SetAscii(39, responseCode);
        if (request.Mti / 100 % 10 != 8) AnswerFields.SetSettlementDate(answer, clock.Today);
        connection.Send(OutboundFrame.Encode(answer, mac: null));
    }
}
