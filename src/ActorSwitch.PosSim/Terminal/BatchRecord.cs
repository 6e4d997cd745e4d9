using ActorSwitch.Iso8583;
namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// One approved transaction of the current batch in the terminal's own journal. <see cref="Pan"/> is null
/// for offline purse records (the card is a purse serial, not a PAN). <see cref="ToString"/> masks the PAN.
/// </summary>
public sealed record BatchRecord(TransactionKind Kind, int Trace, string? Pan, long Amount, bool Foreign, TotalsSide Side)
{
    public override string ToString() =>
        $"{Kind} trace {Trace:D6} {(Pan is null ? "purse" : PanMask.Mask(Pan))} {Amount} fen {Side}{(Foreign ? " foreign" : "")}";

    /// <summary>This record as an item of a batch upload (card transactions only: a purse record went up with its TAC).</summary>
    public BatchUploadItem ToUploadItem() => Pan is null
        ? throw new InvalidOperationException("Only card transactions are uploaded item by item.")
        : new BatchUploadItem(Foreign ? 1 : 0, Trace, Pan, Amount);
}
