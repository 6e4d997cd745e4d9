using System.Globalization;
using ActorSwitch.Iso8583;
using ActorSwitch.Security.Module;
using ActorSwitch.Security.Pins;
using ActorSwitch.Switch.Pos;

namespace ActorSwitch.Switch.Centre;

/// <summary>
/// Turns the switch's view of a transaction into the central dialect and back
/// (docs/interfaces/central.md). Used by the link on its own thread and by the connections on theirs,
/// each with its own <see cref="IsoMessage"/>.
/// </summary>
public static class CentreWire
{
    public const int SignOn = 1;
    public const int SignOff = 2;
    public const int KeyChange = 101;
    public const int Echo = 301;

    private const string PinSecurityControl = "2600000000000000";

    /// <summary>The central MTI of a transaction: 0100/0200 online, 0220/0221 advices, 0420/0421 reversals.</summary>
    public static int MtiOf(CentreTransaction t) =>
        t.IsReversal ? (t.IsRepeat ? 421 : 420)
        : PosMessageKinds.IsAdvice(t.Kind) ? (t.IsRepeat ? 221 : 220)
        : t.PosMti;

    /// <summary>
    /// Fills <paramref name="m"/> with the request. The PIN block is translated from the terminal's PIK
    /// to the connection's ZPK inside the security module; a block that does not decode is refused
    /// (the terminal gets 99) and nothing is sent.
    /// </summary>
    public static PinBlockError BuildRequest(IsoMessage m, CentreTransaction t, CentreLinkSettings settings,
        ISecurityModule security, ZoneKeys keys, DateTimeOffset now)
    {
        m.Clear();
        m.SetMti(MtiOf(t));
        m.SetDigits(2, t.Pan);
        m.SetNumber(3, (ulong)t.ProcessingCode);
        m.SetNumber(4, (ulong)t.Amount);
        SetTransmissionTime(m, now);
        m.SetNumber(11, (ulong)t.Trace);
        var local = t.At.ToOffset(TimeSpan.FromHours(8));
        m.SetDigits(12, t.LocalTime ?? local.ToString("HHmmss", CultureInfo.InvariantCulture));
        m.SetDigits(13, t.LocalDate ?? local.ToString("MMdd", CultureInfo.InvariantCulture));
        m.SetDigits(18, t.Mcc);
        m.SetNumber(22, (ulong)t.EntryMode);
        m.SetNumber(25, (ulong)t.ConditionCode);
        m.SetDigits(32, settings.AcquirerId);
        m.SetDigits(33, settings.AcquirerId);
        if (t.Track2 is { Length: > 0 } track && !t.IsReversal) m.SetDigits(35, track);
        m.SetAscii(37, t.Rrn);
        m.SetAscii(41, t.TerminalId);
        m.SetAscii(42, t.MerchantId);
        m.SetAscii(49, "156");
        if (t.PinBlock is { } pinBlock && t.PinKey is { } pinKey && !t.IsReversal)
        {
            Span<byte> translated = stackalloc byte[8];
            var error = security.TranslatePinBlock(pinKey, keys.PinKey, pinBlock, t.Pan, translated);
            if (error != PinBlockError.None) return error;
            m.SetBinary(52, translated);
            m.SetDigits(53, PinSecurityControl);
        }
        m.SetAscii(60, $"{t.TransactionType:D2}{t.Batch:D6}");
        if (t.OriginalRrn is { } original) m.SetAscii(61, original);
        if (t.IsReversal)
        {
            var utc = t.At.UtcDateTime;
            m.SetDigits(90, $"{t.PosMti:D4}{t.Trace:D6}{utc:MMddHHmmss}{settings.AcquirerId.PadLeft(11, '0')}{settings.AcquirerId.PadLeft(11, '0')}");
        }
        m.SetDigits(100, settings.ReceivingId);
        return PinBlockError.None;
    }

    /// <summary>A network management request (0800 with F70).</summary>
    public static void BuildNetworkManagement(IsoMessage m, int code, int trace, CentreLinkSettings settings, DateTimeOffset now)
    {
        m.Clear();
        m.SetMti(800);
        SetTransmissionTime(m, now);
        m.SetNumber(11, (ulong)trace);
        m.SetDigits(33, settings.AcquirerId);
        m.SetNumber(70, (ulong)code);
    }

    /// <summary>The answer to a network management request the centre sent us (its echo tests).</summary>
    public static void BuildNetworkManagementAnswer(IsoMessage request, IsoMessage answer, string responseCode)
    {
        answer.Clear();
        answer.SetMti(810);
        foreach (var field in (ReadOnlySpan<int>)[7, 11, 33, 70])
            if (request.Has(field)) answer.CopyFrom(request, field);
        answer.SetAscii(39, responseCode);
    }

    /// <summary>Reads the centre's decision from a financial answer (0110, 0210, 0230, 0430).</summary>
    public static bool TryReadDecision(IsoMessage answer, DateTimeOffset now, out CentreDecision decision)
    {
        decision = null!;
        var rrn = answer.GetAscii(37);
        var code = answer.GetAscii(39);
        if (rrn is null || code is null) return false;
        DateOnly? settlementDate = null;
        if (answer.TryGetUInt64(15, out var mmdd)) settlementDate = NearestDate((int)mmdd, now);
        decision = new CentreDecision(rrn.Trim(), code, answer.GetAscii(38), settlementDate, answer.GetAscii(54));
        return true;
    }

    public static bool IsFinancialAnswer(int mti) => mti is 110 or 210 or 230 or 430;

    private static void SetTransmissionTime(IsoMessage m, DateTimeOffset now) =>
        m.SetDigits(7, now.UtcDateTime.ToString("MMddHHmmss", CultureInfo.InvariantCulture));

    /// <summary>MMDD has no year: the one closest to today (a settlement date is never far away).</summary>
    private static DateOnly? NearestDate(int mmdd, DateTimeOffset now)
    {
        var (month, day) = (mmdd / 100, mmdd % 100);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2024, month)) return null;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        DateOnly? best = null;
        foreach (var year in (ReadOnlySpan<int>)[today.Year - 1, today.Year, today.Year + 1])
        {
            if (day > DateTime.DaysInMonth(year, month)) continue;
            var candidate = new DateOnly(year, month, day);
            if (best is null || Math.Abs(candidate.DayNumber - today.DayNumber) < Math.Abs(best.Value.DayNumber - today.DayNumber))
                best = candidate;
        }
        return best;
    }
}
