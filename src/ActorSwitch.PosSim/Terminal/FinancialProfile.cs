namespace ActorSwitch.PosSim.Terminal;

/// <summary>What a financial request is made of (pos-interface.md section 4).</summary>
internal sealed record FinancialProfile(
    TransactionKind Kind,
    int Mti,
    string ProcessingCode,
    string ConditionCode,
    int TransactionType,
    CardDataUse CardData,
    OriginalReference Original,
    bool CarriesAmount = true)
{
    private static readonly FinancialProfile BalanceInquiryProfile = new(TransactionKind.BalanceInquiry, 200, "310000", "00", 1, CardDataUse.Full, OriginalReference.None, CarriesAmount: false);
    private static readonly FinancialProfile PreAuthorizationProfile = new(TransactionKind.PreAuthorization, 100, "030000", "06", 10, CardDataUse.Full, OriginalReference.None);
    private static readonly FinancialProfile PreAuthorizationCancelProfile = new(TransactionKind.PreAuthorizationCancel, 100, "200000", "06", 11, CardDataUse.Full, OriginalReference.PreAuthorization);
    private static readonly FinancialProfile PreAuthorizationCompletionProfile = new(TransactionKind.PreAuthorizationCompletion, 200, "000000", "06", 20, CardDataUse.Full, OriginalReference.PreAuthorization);
    private static readonly FinancialProfile CompletionVoidProfile = new(TransactionKind.CompletionVoid, 200, "200000", "06", 21, CardDataUse.Full, OriginalReference.Void);
    private static readonly FinancialProfile PurchaseProfile = new(TransactionKind.Purchase, 200, "000000", "00", 22, CardDataUse.Full, OriginalReference.None);
    private static readonly FinancialProfile PurchaseVoidProfile = new(TransactionKind.PurchaseVoid, 200, "200000", "00", 23, CardDataUse.Full, OriginalReference.Void);
    private static readonly FinancialProfile RefundProfile = new(TransactionKind.Refund, 220, "200000", "00", 25, CardDataUse.Advice, OriginalReference.Refund);
    private static readonly FinancialProfile OfflineSettlementProfile = new(TransactionKind.OfflineSettlement, 220, "000000", "00", 30, CardDataUse.Advice, OriginalReference.None);

    public static FinancialProfile For(TransactionKind kind) => kind switch
    {
        TransactionKind.BalanceInquiry => BalanceInquiryProfile,
        TransactionKind.PreAuthorization => PreAuthorizationProfile,
        TransactionKind.PreAuthorizationCancel => PreAuthorizationCancelProfile,
        TransactionKind.PreAuthorizationCompletion => PreAuthorizationCompletionProfile,
        TransactionKind.CompletionVoid => CompletionVoidProfile,
        TransactionKind.Purchase => PurchaseProfile,
        TransactionKind.PurchaseVoid => PurchaseVoidProfile,
        TransactionKind.Refund => RefundProfile,
        TransactionKind.OfflineSettlement => OfflineSettlementProfile,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a card financial transaction."),
    };
}
