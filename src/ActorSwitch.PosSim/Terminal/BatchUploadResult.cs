namespace ActorSwitch.PosSim.Terminal;

/// <summary>A batch upload: the 0320 detail messages and the end-of-upload message, in order sent.
/// The upload stops at the first message that is not approved.</summary>
public sealed record BatchUploadResult(IReadOnlyList<TransactionResult> Messages)
{
    /// <summary>Every message, the end of upload included, was approved.</summary>
    public bool Completed => Messages.Count > 0 && Messages[^1].Kind == TransactionKind.BatchUploadEnd
        && Messages.All(message => message.IsApproved);
}
