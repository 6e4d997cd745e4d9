namespace ActorSwitch.PosSim.Terminal;

/// <summary>Every exchange the terminal makes.</summary>
public enum TransactionKind
{
    SignOn,
    SignOff,
    Echo,
    BalanceInquiry,
    PreAuthorization,
    PreAuthorizationCancel,
    PreAuthorizationCompletion,
    CompletionVoid,
    Purchase,
    PurchaseVoid,
    Refund,
    OfflineSettlement,
    PurseUpload,
    Reversal,
    Settlement,
    BatchUpload,
    BatchUploadEnd,
    /// <summary>A frame sent as given (<see cref="PosTerminal.SendRawAsync"/>).</summary>
    Raw,
}
