using ActorSwitch.Central.Ledger;
using ActorSwitch.Central.Security;
using ActorSwitch.Iso8583;
using Microsoft.Extensions.Logging;

namespace ActorSwitch.Central.Network;

/// <summary>
/// 0800 network management by F70: 001 sign-on and 101 key change answer 00 with new ZPK|ZAK blocks in
/// F48; 002 sign-off; 301 echo. Network management carries no MAC. Answers go out at once.
/// </summary>
public sealed class NetworkManagementHandler(ZoneKeyRing keyRing, ILogger<NetworkManagementHandler> logger)
{
    public const string SignOn = "001";
    public const string SignOff = "002";
    public const string KeyChange = "101";
    public const string Echo = "301";

    public void Handle(CentralConnection connection, IsoMessage request)
    {
        var answer = connection.Answer;
        AnswerFields.Start(answer, request, 810);
        var code = request.GetAscii(70);
        var institution = request.GetAscii(33) ?? request.GetAscii(32);
        string responseCode;
        switch (code)
        {
            case SignOn when institution is not null:
                responseCode = IssueKeys(connection, institution, answer, "Sign-on");
                break;
            case KeyChange when connection.Institution is { } signedOn:
                responseCode = IssueKeys(connection, signedOn, answer, "Key change");
                break;
            case KeyChange:
                responseCode = ResponseCodes.IssuerInoperative; // not signed on: nothing to change
                break;
            case SignOff:
                connection.SignOff();
                logger.LogInformation("Sign-off on connection {Id} from {Peer}", connection.Id, connection.Peer);
                responseCode = ResponseCodes.Approved;
                break;
            case Echo:
                responseCode = ResponseCodes.Approved;
                break;
            case null or SignOn:
                logger.LogWarning("0800 from {Peer} without F70 or institution: answered 30", connection.Peer);
                responseCode = ResponseCodes.FormatError;
                break;
            default:
                logger.LogWarning("0800 from {Peer} with unknown F70 {Code}: answered 12", connection.Peer, code);
                responseCode = ResponseCodes.InvalidTransaction;
                break;
        }
        answer.SetAscii(39, responseCode);
        connection.Send(OutboundFrame.Encode(answer, mac: null));
    }

    private string IssueKeys(CentralConnection connection, string institution, IsoMessage answer, string what)
    {
        var (generation, field48) = keyRing.Issue(institution);
        answer.SetAscii(48, field48);
        connection.SignOn(institution, generation);
        logger.LogInformation("{What} of institution {Institution} on connection {Id} from {Peer}: key generation {Generation}",
            what, institution, connection.Id, connection.Peer, generation.Number);
        return ResponseCodes.Approved;
    }
}
