using System.Globalization;
using ActorSwitch.Iso8583;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>Turns an exchange into a <see cref="TransactionResult"/>: the fields a terminal acts on, the
/// answer's MAC checked on its received bytes, the TPDU checked for swapped addresses.</summary>
internal static class AnswerReader
{
    public static TransactionResult Read(TransactionKind kind, IsoMessage request, Card? card, TransactionResult? original,
        in Exchange exchange, WorkingKeys? keys)
    {
        var answer = exchange.Answer;
        var answered = exchange.Outcome == ExchangeOutcome.Answered && answer is not null;
        request.TryGetSubfield(60, 2, 6, out int batch);
        return new TransactionResult
        {
            Kind = kind,
            Outcome = exchange.Outcome,
            Request = request,
            Card = card,
            Original = original,
            Trace = request.TryGetSubfield(11, 0, 6, out int trace) ? trace : 0,
            Batch = batch,
            Amount = request.TryGetInt64(4, out var amount) ? amount : 0,
            SentAt = exchange.SentAt,
            Answer = answer,
            AnswerError = exchange.AnswerError,
            ResponseCode = answered ? answer!.GetAscii(39) : null,
            RetrievalReference = answered ? answer!.GetAscii(37) : null,
            AuthorizationCode = answered ? answer!.GetAscii(38) : null,
            SettlementDate = answered ? answer!.GetAscii(15) : null,
            TransactionDate = (answered ? answer!.GetAscii(13) : null)
                ?? exchange.SentAt.ToString("MMdd", CultureInfo.InvariantCulture),
            Balance = answered && answer!.GetAscii(54) is { } text && Balance.TryParse(text, out var balance) ? balance : null,
            AnswerMac = answered ? MacOf(answer!, keys) : MacStatus.Absent,
            AnswerTpduSwapped = answered && answer!.Tpdu == request.Tpdu.ToResponse(),
            ProcessingRequirement = answered ? answer!.Header.ProcessingRequirement : -1,
        };
    }

    private static MacStatus MacOf(IsoMessage answer, WorkingKeys? keys)
    {
        if (keys is not null)
            return keys.Mac.Verify(answer);
        // Without a MAK nothing can be verified: a MAC present is one the terminal cannot trust.
        return answer.ReceivedMac.IsEmpty ? MacStatus.Absent : MacStatus.Invalid;
    }
}
