using ActorSwitch.Iso8583;

namespace ActorSwitch.Switch.Pos;

/// <summary>
/// The mandatory fields of each request (pos-interface.md section 4, "Fields each request carries").
/// A missing mandatory field is answered 30; an unexpected extra field is ignored.
/// </summary>
public static class RequiredFields
{
    private static readonly int[] SignOn = [11, 41, 42, 60];
    private static readonly int[] Purchase = [2, 3, 4, 11, 22, 25, 41, 42, 49, 60, 64];
    private static readonly int[] Balance = [2, 3, 11, 22, 25, 41, 42, 49, 60, 64];
    private static readonly int[] Void = [2, 3, 4, 11, 22, 25, 37, 41, 42, 49, 60, 61, 64];
    private static readonly int[] Refund = [2, 3, 4, 11, 22, 25, 37, 41, 42, 49, 60, 61, 64];
    private static readonly int[] Reversal = [2, 3, 4, 11, 22, 25, 39, 41, 42, 49, 60, 64];
    private static readonly int[] Settlement = [11, 41, 42, 48, 49, 60, 64];
    private static readonly int[] BatchUpload = [11, 41, 42, 48, 60, 64];
    private static readonly int[] PurseUpload = [3, 4, 11, 22, 25, 41, 42, 49, 58, 60, 64];
    private static readonly int[] Management = [11, 41, 42, 60];
    private static readonly int[] BatchUploadEnd = [11, 41, 42, 60, 64];

    /// <summary>The first mandatory field the request lacks, or 0 when it has them all.</summary>
    public static int FirstMissing(IsoMessage m, PosMessageKind kind)
    {
        foreach (var field in For(kind))
            if (!m.Has(field)) return field;

        Span<char> entry = stackalloc char[3];
        if (PosMessageKinds.IsOnlineFinancial(kind) && m.TryGetDigits(22, entry, out var digits) && digits == 3)
        {
            // Stripe read: expiry and a track. PIN entered: capture code, PIN block and security control.
            if (entry[..2] is "02")
            {
                if (!m.Has(14)) return 14;
                if (!m.Has(35) && !m.Has(36)) return 35;
            }
            if (entry[2] == '1')
                foreach (var field in (ReadOnlySpan<int>)[26, 52, 53])
                    if (!m.Has(field)) return field;
        }
        return 0;
    }

    private static int[] For(PosMessageKind kind) => kind switch
    {
        PosMessageKind.SignOn => SignOn,
        PosMessageKind.BalanceInquiry => Balance,
        PosMessageKind.PurchaseVoid or PosMessageKind.PreAuthorisationCompletionVoid => Void,
        PosMessageKind.Refund => Refund,
        PosMessageKind.Reversal => Reversal,
        PosMessageKind.BatchSettlement => Settlement,
        PosMessageKind.BatchUpload => BatchUpload,
        PosMessageKind.BatchUploadEnd => BatchUploadEnd,
        PosMessageKind.OfflinePurseUpload => PurseUpload,
        PosMessageKind.PreAuthorisation or PosMessageKind.PreAuthorisationCancel or
            PosMessageKind.PreAuthorisationCompletion or PosMessageKind.Purchase or PosMessageKind.OfflineSettlement => Purchase,
        _ => Management,
    };
}
