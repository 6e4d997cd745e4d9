using ActorSwitch.Iso8583;

namespace ActorSwitch.Switch.Pos;

/// <summary>
/// Builds answers the way section 4 says: MTI + 10, TPDU addresses swapped, the request's header
/// echoed (with the processing requirement the switch wants), the request's 3, 4, 11, 41, 42, 49 and
/// 60 echoed where present, F39, and the caller's own fields. One instance per entity (not thread-safe):
/// it reuses its message buffer.
/// </summary>
public sealed class PosAnswerWriter
{
    private static readonly int[] Echoed = [3, 4, 11, 41, 42, 49, 60];

    public IsoMessage Answer { get; } = new(Dialects.UnionPayPos);

    /// <summary>Starts an answer to <paramref name="request"/>; add fields to <see cref="Answer"/>, then <see cref="Finish"/>.</summary>
    public IsoMessage Begin(IsoMessage request, string responseCode, int processingRequirement = 0)
    {
        var a = Answer;
        a.Clear();
        a.SetMti(request.Mti + 10);
        a.Tpdu = request.Tpdu.ToResponse();
        a.Header = request.Header.WithProcessingRequirement(processingRequirement);
        foreach (var field in Echoed)
            if (request.Has(field)) a.CopyFrom(request, field);
        a.SetAscii(39, responseCode);
        return a;
    }

    /// <summary>Switch time (F12/F13) in the province, and the settlement date (F15).</summary>
    public void SetTimes(DateTime provinceLocalTime, DateOnly? settlementDate)
    {
        Span<char> digits = stackalloc char[6];
        provinceLocalTime.TryFormat(digits, out _, "HHmmss");
        Answer.SetDigits(12, digits);
        provinceLocalTime.TryFormat(digits, out _, "MMdd");
        Answer.SetDigits(13, digits[..4]);
        if (settlementDate is { } d)
        {
            d.TryFormat(digits, out _, "MMdd");
            Answer.SetDigits(15, digits[..4]);
        }
    }

    /// <summary>The whole frame, length prefix included; MACed when <paramref name="mac"/> is given.</summary>
    public byte[] Finish(IMacCalculator? mac)
    {
        var frame = new byte[IsoWriter.GetFrameSize(Answer, withMac: mac is not null)];
        if (mac is null) IsoWriter.Write(Answer, frame);
        else IsoWriter.Write(Answer, frame, mac);
        return frame;
    }
}
