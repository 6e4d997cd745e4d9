using ActorSwitch.Iso8583;
using ActorSwitch.Switch.Pos;

namespace ActorSwitch.Switch.Terminals;

/// <summary>
/// Events of a terminal's journal. They hold key handles (key blocks under the LMK), PAN tokens,
/// encrypted and masked PANs: never a clear key, a PIN block, track data or a raw frame.
/// </summary>
public interface ITerminalEvent;

/// <summary>A terminal master key was generated for the terminal; working keys issued before it are void.</summary>
public sealed record TerminalMasterKeyInstalled(string TmkBlock, DateTimeOffset At) : ITerminalEvent;

/// <summary>The terminal signed on and received fresh working keys; <see cref="Batch"/> is the batch in force.</summary>
public sealed record TerminalSignedOn(string PinKeyBlock, string MacKeyBlock, string? TrackKeyBlock, int Batch, DateTimeOffset At)
    : ITerminalEvent;

public sealed record TerminalSignedOff(DateTimeOffset At) : ITerminalEvent;

/// <summary>
/// A financial request about to be forwarded to the centre (online), or an advice accepted for
/// store and forward. Persisted before anything leaves the switch, so that a crash can never leave
/// the centre with a transaction the switch does not know.
/// </summary>
public sealed record TransactionStarted(TransactionRecord Transaction) : ITerminalEvent;

/// <summary>The centre's decision (or the switch's own, for advices), persisted before the terminal hears it.</summary>
public sealed record TransactionCompleted(string Rrn, string ResponseCode, string? AuthCode, string? Balance) : ITerminalEvent;

/// <summary>No decision arrived in time (or the node crashed waiting): the terminal got 98, the centre gets a reversal.</summary>
public sealed record TransactionTimedOut(string Rrn) : ITerminalEvent;

/// <summary>The terminal reversed a transaction with a 0400 that the switch answered 00.</summary>
public sealed record TransactionReversed(string Rrn, int ReversalTrace, int ReversalBatch, string Reason, DateTimeOffset At)
    : ITerminalEvent;

/// <summary>The store-and-forward queue has durably taken the advice or reversal of this transaction.</summary>
public sealed record HandedToStoreAndForward(string Rrn) : ITerminalEvent;

/// <summary>
/// What the switch keeps of a transaction. <see cref="PanToken"/> (a keyed token) answers "same
/// card?"; <see cref="PanEncrypted"/> is for clearing; <see cref="PanMasked"/> for people.
/// </summary>
public sealed record TransactionRecord(
    string Rrn,
    PosMessageKind Kind,
    int Mti,
    int Batch,
    int Trace,
    string PanToken,
    string PanEncrypted,
    string PanMasked,
    long Amount,
    int ProcessingCode,
    int EntryMode,
    int ConditionCode,
    DateTimeOffset At,
    DateOnly SettlementDate,
    string? OriginalRrn);

/// <summary>
/// The terminal settled its batch (0500): its totals, the switch's, and the result it was answered.
/// From here the next batch number is in force; the settled batch takes only its uploads.
/// </summary>
public sealed record BatchSettled(int Batch, int Trace, CardTotals TerminalDomestic, CardTotals TerminalForeign,
    CardTotals SwitchDomestic, int DomesticResult, int ForeignResult, DateTimeOffset At) : ITerminalEvent;

/// <summary>Details of a settled batch uploaded by the terminal (0320), PANs as tokens and masked.</summary>
public sealed record BatchUploadReceived(int Batch, int Trace, IReadOnlyList<UploadedItem> Items) : ITerminalEvent;

public sealed record UploadedItem(int CardOrganisation, int Trace, string PanToken, string PanMasked, long Amount);

/// <summary>The terminal ended the upload of a settled batch: 202 after a mismatch, 207 after a match.</summary>
public sealed record BatchUploadEnded(int Batch, int Trace, int NetworkCode) : ITerminalEvent;

/// <summary>An offline purse record whose TAC verified, counted once (its transaction is <see cref="Rrn"/>).</summary>
public sealed record PurseRecordAccepted(string Rrn, string Record) : ITerminalEvent;

/// <summary>An offline purse record refused (bad TAC), kept for investigation with its reason.</summary>
public sealed record PurseRecordRejected(int Batch, int Trace, string Record, string Reason, DateTimeOffset At) : ITerminalEvent;
