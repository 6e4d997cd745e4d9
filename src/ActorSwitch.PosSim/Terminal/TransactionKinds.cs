using ActorSwitch.Iso8583;
namespace ActorSwitch.PosSim.Terminal;

/// <summary>What the dialect says about each kind of exchange (pos-interface.md sections 4 and 6).</summary>
public static class TransactionKinds
{
    /// <summary>Whether a reversal 0400 may follow it (section 4's table).</summary>
    public static bool IsReversible(this TransactionKind kind) => kind is TransactionKind.PreAuthorization
        or TransactionKind.PreAuthorizationCancel or TransactionKind.PreAuthorizationCompletion
        or TransactionKind.CompletionVoid or TransactionKind.Purchase or TransactionKind.PurchaseVoid;

    /// <summary>Whether the request and its answer carry F64 (section 6).</summary>
    public static bool CarriesMac(this TransactionKind kind) => kind is not (TransactionKind.SignOn
        or TransactionKind.SignOff or TransactionKind.Echo or TransactionKind.Raw);

    /// <summary>Where an approved <paramref name="kind"/> counts in the batch totals (section 4, "Settlement totals").</summary>
    public static TotalsSide CountsAs(this TransactionKind kind) => kind switch
    {
        TransactionKind.Purchase or TransactionKind.PreAuthorizationCompletion or TransactionKind.OfflineSettlement
            or TransactionKind.PurseUpload => TotalsSide.Debit,
        TransactionKind.CompletionVoid or TransactionKind.PurchaseVoid or TransactionKind.Refund => TotalsSide.Credit,
        _ => TotalsSide.None,
    };
}
