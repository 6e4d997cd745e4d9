using ActorSwitch.Iso8583;

namespace ActorSwitch.Switch.Pos;

/// <summary>What a POS request is, decided by MTI, F3, F25, 60.1 and 60.3 (pos-interface.md section 4).</summary>
/// <remarks>The values are persisted in journals: never renumber, only add.</remarks>
public enum PosMessageKind : byte
{
    Unknown = 0,
    SignOn = 1,
    SignOff = 2,
    Echo = 3,
    StatusUpload = 4,
    ParameterDownload = 5,
    IcKeyDownload = 6,
    IcParameterDownload = 7,
    BlacklistDownload = 8,
    BalanceInquiry = 9,
    PreAuthorisation = 10,
    PreAuthorisationCancel = 11,
    PreAuthorisationCompletion = 12,
    PreAuthorisationCompletionVoid = 13,
    Purchase = 14,
    PurchaseVoid = 15,
    Refund = 16,
    OfflineSettlement = 17,
    OfflinePurseUpload = 18,
    Reversal = 19,
    BatchSettlement = 20,
    BatchUpload = 21,
    BatchUploadEnd = 22,
}

public static class PosMessageKinds
{
    /// <summary>Classifies a parsed request; <see cref="PosMessageKind.Unknown"/> when no row of the spec matches.</summary>
    public static PosMessageKind Classify(IsoMessage m)
    {
        if (!Field60.TryRead(m, out var f60)) return PosMessageKind.Unknown;
        m.TryGetUInt64(3, out var f3Value);
        var f3 = m.Has(3) ? (int)f3Value : -1;
        var f25 = m.TryGetUInt64(25, out var f25Value) ? (int)f25Value : -1;
        var type = f60.TransactionType;
        var netMgmt = f60.NetworkManagementCode;

        switch (m.Mti)
        {
            case 800:
                return netMgmt switch
                {
                    1 or 3 or 4 => PosMessageKind.SignOn,
                    360 => PosMessageKind.ParameterDownload,
                    370 or 371 => PosMessageKind.IcKeyDownload,
                    380 or 381 => PosMessageKind.IcParameterDownload,
                    390 or 391 => PosMessageKind.BlacklistDownload,
                    _ => PosMessageKind.Unknown,
                };
            case 820:
                return netMgmt switch
                {
                    2 => PosMessageKind.SignOff,
                    301 => PosMessageKind.Echo,
                    362 or 372 or 382 => PosMessageKind.StatusUpload,
                    _ => PosMessageKind.Unknown,
                };
            case 500:
                return netMgmt == 201 ? PosMessageKind.BatchSettlement : PosMessageKind.Unknown;
            case 320:
                if (type == 36 && f3 == 0) return PosMessageKind.OfflinePurseUpload;
                return netMgmt switch
                {
                    201 or 203 => PosMessageKind.BatchUpload,
                    202 or 207 => PosMessageKind.BatchUploadEnd,
                    _ => PosMessageKind.Unknown,
                };
            case 400:
                // A reversal repeats its original's F3 and 60.1; the original must be reversible.
                return ReversedKind(m) == PosMessageKind.Unknown ? PosMessageKind.Unknown : PosMessageKind.Reversal;
            default:
                return Financial(m.Mti, f3, f25, type);
        }
    }

    /// <summary>The financial transaction a (MTI, F3, F25, 60.1) row names.</summary>
    public static PosMessageKind Financial(int mti, int f3, int f25, int type) => (mti, f3, f25, type) switch
    {
        (200, 310000, 0, 1) => PosMessageKind.BalanceInquiry,
        (100, 030000, 6, 10) => PosMessageKind.PreAuthorisation,
        (100, 200000, 6, 11) => PosMessageKind.PreAuthorisationCancel,
        (200, 000000, 6, 20) => PosMessageKind.PreAuthorisationCompletion,
        (200, 200000, 6, 21) => PosMessageKind.PreAuthorisationCompletionVoid,
        (200, 000000, 0, 22) => PosMessageKind.Purchase,
        (200, 200000, 0, 23) => PosMessageKind.PurchaseVoid,
        (220, 200000, 0, 25) => PosMessageKind.Refund,
        (220, 000000, 0, 30) => PosMessageKind.OfflineSettlement,
        _ => PosMessageKind.Unknown,
    };

    /// <summary>The original kind a 0400 reverses, from its F3, F25 and 60.1.</summary>
    public static PosMessageKind ReversedKind(IsoMessage m)
    {
        if (!Field60.TryRead(m, out var f60)) return PosMessageKind.Unknown;
        var f3 = m.TryGetUInt64(3, out var v3) ? (int)v3 : -1;
        var f25 = m.TryGetUInt64(25, out var v25) ? (int)v25 : -1;
        foreach (var mti in (ReadOnlySpan<int>)[100, 200])
        {
            var kind = Financial(mti, f3, f25, f60.TransactionType);
            if (IsReversible(kind)) return kind;
        }
        return PosMessageKind.Unknown;
    }

    public static bool IsReversible(PosMessageKind kind) => kind is PosMessageKind.PreAuthorisation
        or PosMessageKind.PreAuthorisationCancel or PosMessageKind.PreAuthorisationCompletion
        or PosMessageKind.PreAuthorisationCompletionVoid or PosMessageKind.Purchase or PosMessageKind.PurchaseVoid;

    /// <summary>Requests that go to the centre and wait for its decision (advices go through store and forward).</summary>
    public static bool IsOnlineFinancial(PosMessageKind kind) => IsReversible(kind) || kind == PosMessageKind.BalanceInquiry;

    public static bool IsAdvice(PosMessageKind kind) => kind is PosMessageKind.Refund or PosMessageKind.OfflineSettlement;

    /// <summary>Every financial and batch message carries F64, request and answer (section 6).</summary>
    public static bool CarriesMac(int mti) => mti is 100 or 110 or 200 or 210 or 220 or 230 or 400 or 410 or 500 or 510 or 320 or 330;
}
