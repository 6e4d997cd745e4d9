namespace ActorSwitch.Central.Ledger;

/// <summary>The financial transactions of central.md, identified by MTI, F3 and F25 as in pos-interface.md section 4.</summary>
public enum TransactionKind
{
    /// <summary>Only a reversal has been seen for this identity so far (it was answered 25).</summary>
    Unknown,
    BalanceInquiry,
    PreAuthorization,
    PreAuthorizationCancel,
    Completion,
    CompletionVoid,
    Purchase,
    PurchaseVoid,
    Refund,
    /// <summary>An advice of a debit the terminal approved offline (offline settlement, e-purse record).</summary>
    OfflineDebit,
}

public static class TransactionKinds
{
    /// <summary>Classifies a request by its MTI (0100, 0200, 0220/0221), the first two digits of F3 and F25.
    /// Null when the combination is not a transaction of the interface.</summary>
    public static TransactionKind? Classify(int mti, ReadOnlySpan<char> processingCode, int conditionCode)
    {
        if (processingCode.Length < 2 || !char.IsAsciiDigit(processingCode[0]) || !char.IsAsciiDigit(processingCode[1])) return null;
        var type = (processingCode[0] - '0') * 10 + (processingCode[1] - '0');
        var preAuthFamily = conditionCode == 6;
        return (mti, type, preAuthFamily) switch
        {
            (100, 3, _) => TransactionKind.PreAuthorization,
            (100, 20, _) => TransactionKind.PreAuthorizationCancel,
            (200, 31, _) => TransactionKind.BalanceInquiry,
            (200, 0, true) => TransactionKind.Completion,
            (200, 20, true) => TransactionKind.CompletionVoid,
            (200, 0, false) => TransactionKind.Purchase,
            (200, 20, false) => TransactionKind.PurchaseVoid,
            (220 or 221, 20, _) => TransactionKind.Refund,
            (220 or 221, 0, _) => TransactionKind.OfflineDebit,
            _ => null,
        };
    }

    /// <summary>The name used in the clearing file and the control API.</summary>
    public static string Name(this TransactionKind kind) => kind switch
    {
        TransactionKind.Unknown => "unknown",
        TransactionKind.BalanceInquiry => "balance-inquiry",
        TransactionKind.PreAuthorization => "pre-authorisation",
        TransactionKind.PreAuthorizationCancel => "pre-authorisation-cancel",
        TransactionKind.Completion => "completion",
        TransactionKind.CompletionVoid => "completion-void",
        TransactionKind.Purchase => "purchase",
        TransactionKind.PurchaseVoid => "purchase-void",
        TransactionKind.Refund => "refund",
        TransactionKind.OfflineDebit => "offline-debit",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static TransactionKind Parse(string name) =>
        Enum.GetValues<TransactionKind>().First(k => k.Name() == name);

    /// <summary>Whether the kind takes an original transaction (found by F61 or F90).</summary>
    public static bool NeedsOriginal(this TransactionKind kind) => kind is TransactionKind.PreAuthorizationCancel
        or TransactionKind.Completion or TransactionKind.CompletionVoid or TransactionKind.PurchaseVoid;
}
