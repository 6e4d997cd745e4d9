using Akka.Event;
using ActorSwitch.Iso8583;
using ActorSwitch.Switch.Pos;

namespace ActorSwitch.Switch.Terminals;

/// <summary>The fields every financial request shares, read once.</summary>
public sealed partial class TerminalEntity
{
    private readonly record struct CommonFields(
        string Pan, string PanToken, string PanMasked, int ProcessingCode, long Amount, int Trace,
        int EntryMode, int ConditionCode, int TransactionType, int Batch, int Mti)
    {
        public RequestKey Key => new(Batch, Trace, Mti);
    }

    private bool TryReadCommon(PosRequest request, out CommonFields common)
    {
        common = default;
        Span<char> pan = stackalloc char[19];
        if (!_request.TryGetDigits(2, pan, out var panLength) || panLength < 12 || !Field60.TryRead(_request, out var f60)
            || f60.BatchNumber < 0)
        {
            // F2 and F60 are mandatory and were present: a PAN this short or a 60 without a batch is a format error.
            ReplyFinancial(request, ResponseCodes.FormatError);
            return false;
        }
        var panText = new string(pan[..panLength]);
        _request.TryGetUInt64(3, out var f3);
        _request.TryGetUInt64(4, out var amount);
        _request.TryGetUInt64(22, out var f22);
        _request.TryGetUInt64(25, out var f25);
        common = new CommonFields(panText, Security.TokenizePan(_services.PanDataKey, panText), PanMask.Mask(panText),
            (int)f3, (long)amount, Trace, (int)f22, (int)f25, f60.TransactionType, f60.BatchNumber, _request.Mti);
        return true;
    }
}
