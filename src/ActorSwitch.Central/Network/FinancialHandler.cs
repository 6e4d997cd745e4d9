using ActorSwitch.Central.Faults;
using ActorSwitch.Central.Ledger;
using ActorSwitch.Central.Security;
using ActorSwitch.Iso8583;
using ActorSwitch.Security.Module;
using Microsoft.Extensions.Logging;

namespace ActorSwitch.Central.Network;

/// <summary>
/// Financial requests (0100, 0200, 0220/0221, 0420/0421): sign-on and MAC checked first (91, A0 without
/// a MAC, nothing processed), then the fields read, the PIN verified in the security module, the ledger
/// asked for its decision, and the answer MAC'd under the key generation that verified the request and
/// sent once the decision is committed. Fault injection applies here.
/// </summary>
public sealed class FinancialHandler(ZoneKeyRing keyRing, CentreKeys keys, LedgerEngine ledger, FaultInjector faults,
    ConnectionRegistry registry, ILogger<FinancialHandler> logger)
{
    public void Handle(CentralConnection connection, IsoMessage request)
    {
        var disconnect = faults.CountTowardsDisconnect();
        if (faults.DropRequest())
        {
            logger.LogDebug("Fault injection: request MTI {Mti:D4} from {Peer} dropped", request.Mti, connection.Peer);
        }
        else
        {
            Process(connection, request);
        }
        if (disconnect) registry.CloseAll("fault injection: disconnect after the armed number of messages");
    }

    private void Process(CentralConnection connection, IsoMessage message)
    {
        if (connection.Institution is not { } institution)
        {
            AnswerUndecided(connection, message, ResponseCodes.IssuerInoperative, mac: null);
            return;
        }
        // With fields above 64 the MAC must be F128: a MAC in F64 would leave F90 and F100 outside the MAC block.
        var macCoversAll = message.Has(128) || message.NextField(64) < 0;
        var generation = macCoversAll
            ? keyRing.FindVerifying(institution, connection.Keys, message.ReceivedMacBlock, message.ReceivedMac)
            : null;
        if (generation is null)
        {
            logger.LogWarning("MAC of MTI {Mti:D4} RRN {Rrn} from {Peer} does not verify: answered A0", message.Mti,
                message.GetAscii(37), connection.Peer);
            AnswerUndecided(connection, message, ResponseCodes.MacFailed, mac: null);
            return;
        }
        if (!TryRead(message, out var pan, out var kind, out var refusal))
        {
            logger.LogWarning("MTI {Mti:D4} from {Peer}: {Problem}, answered {Code}", message.Mti, connection.Peer,
                refusal.Problem, refusal.ResponseCode);
            AnswerUndecided(connection, message, refusal.ResponseCode, generation);
            return;
        }

        var card = pan is not null && CardNumbers.PassesLuhn(pan) && pan.Length is >= 12 and <= 19
            ? ledger.FindCard(keys.Module.TokenizePan(keys.PanDataKey, pan)) : null;
        var request = new FinancialRequest
        {
            Acquirer = message.GetAscii(32)!,
            Rrn = message.GetAscii(37)!,
            Mti = message.Mti,
            Kind = kind ?? TransactionKind.Unknown,
            ProcessingCode = message.GetAscii(3) ?? "",
            ConditionCode = message.TryGetSubfield(25, 0, 2, out int condition) ? condition : 0,
            AmountFen = message.TryGetInt64(4, out var amount) ? amount : 0,
            Currency = message.GetAscii(49),
            MerchantId = message.GetAscii(42)?.TrimEnd(),
            TerminalId = message.GetAscii(41)?.TrimEnd(),
            Mcc = message.GetAscii(18),
            MaskedPan = pan is null ? null : PanMask.Mask(pan),
            Card = card,
            Trace = message.TryGetSubfield(11, 0, 6, out int trace) ? trace : 0,
            Transmitted = message.GetAscii(7),
            OriginalRrn = message.GetAscii(61)?.Trim() is { Length: > 0 } original ? original : null,
        };
        var pin = request.IsReversal || card is null ? PinCheck.NotPresent : CheckPin(message, pan!, card, generation);
        var decision = ledger.Decide(request, pin, request.IsReversal ? null : faults.Decline());

        var answer = connection.Answer;
        AnswerFields.Start(answer, message, message.Mti / 10 * 10 + 10);
        answer.SetAscii(39, decision.ResponseCode);
        AnswerFields.SetSettlementDate(answer, decision.SettlementDate);
        if (decision.ResponseCode == ResponseCodes.Approved && decision.AuthCode is { } authCode) answer.SetAscii(38, authCode);
        if (decision.BalanceFen is { } balance && decision.ResponseCode == ResponseCodes.Approved)
            answer.SetAscii(54, AnswerFields.Balance(balance));
        var frame = OutboundFrame.Encode(answer, generation);

        if (faults.DropAnswer())
        {
            logger.LogDebug("Fault injection: answer to RRN {Rrn} from {Peer} dropped", request.Rrn, connection.Peer);
            frame.Release();
            return;
        }
        connection.SendAfter(decision.Batch.Committed, frame, faults.Latency());
    }

    /// <summary>F52 under the ZPK of the generation that verified the MAC, against the card's PVV. F53, when
    /// present, must say ISO format 0 with double-length TDES ("26...").</summary>
    private PinCheck CheckPin(IsoMessage message, string pan, CardAccount card, ZoneKeyGeneration generation)
    {
        var pinBlock = message.GetBytes(52);
        if (pinBlock.IsEmpty) return PinCheck.NotPresent;
        if (message.GetAscii(53) is { } control && !control.StartsWith("26", StringComparison.Ordinal)) return PinCheck.InvalidBlock;
        return keys.Module.VerifyPin(generation.PinKey, pinBlock, pan, keys.PinVerificationKey, card.PvkIndex, card.Pvv) switch
        {
            PinVerificationResult.Verified => PinCheck.Verified,
            PinVerificationResult.Mismatch => PinCheck.Mismatch,
            _ => PinCheck.InvalidBlock,
        };
    }

    /// <summary>Checks the fields the ledger needs. Reversals name their original by F37 and need no F2/F3.</summary>
    private static bool TryRead(IsoMessage m, out string? pan, out TransactionKind? kind, out Refusal refusal)
    {
        pan = m.GetAscii(2);
        kind = null;
        refusal = default;
        foreach (var field in (ReadOnlySpan<int>)[11, 32, 37])
        {
            if (!m.Has(field)) return Refuse(ResponseCodes.FormatError, $"F{field} missing", out refusal);
        }
        if (m.Mti is 420 or 421) return true;
        if (pan is null) return Refuse(ResponseCodes.FormatError, "F2 missing", out refusal);
        if (m.GetAscii(3) is not { } processingCode) return Refuse(ResponseCodes.FormatError, "F3 missing", out refusal);
        var condition = m.TryGetSubfield(25, 0, 2, out int c) ? c : 0;
        kind = TransactionKinds.Classify(m.Mti, processingCode, condition);
        if (kind is null)
            return Refuse(ResponseCodes.InvalidTransaction, $"not a transaction of the interface (F3 {processingCode}, F25 {condition:D2})", out refusal);
        if (kind != TransactionKind.BalanceInquiry && !m.Has(4)) return Refuse(ResponseCodes.FormatError, "F4 missing", out refusal);
        return true;
    }

    private static bool Refuse(string responseCode, string problem, out Refusal refusal)
    {
        refusal = new Refusal(responseCode, problem);
        return false;
    }

    private readonly record struct Refusal(string ResponseCode, string Problem);

    private void AnswerUndecided(CentralConnection connection, IsoMessage message, string responseCode, ZoneKeyGeneration? mac)
    {
        var answer = connection.Answer;
        AnswerFields.Start(answer, message, message.Mti / 10 * 10 + 10);
        answer.SetAscii(39, responseCode);
        AnswerFields.SetSettlementDate(answer, ledger.Clock.Today);
        connection.Send(OutboundFrame.Encode(answer, mac));
    }
}
