using ActorSwitch.Iso8583;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// Whether a received message answers the request in flight: the answer's MTI is the request's plus 10
/// and it echoes the request's trace. Anything else is a late answer to an earlier request (one the
/// terminal stopped waiting for) and is discarded.
/// </summary>
internal static class AnswerMatcher
{
    public static bool IsAnswerTo(IsoMessage request, IsoMessage answer)
    {
        if (answer.Mti != request.Mti + 10)
            return false;
        if (!request.Has(11) || !answer.Has(11))
            return true;
        return request.TryGetUInt64(11, out var sent) && answer.TryGetUInt64(11, out var echoed) && sent == echoed;
    }
}
