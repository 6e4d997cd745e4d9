using System.Diagnostics.CodeAnalysis;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>A sign-on exchange and what became of its working keys.</summary>
public sealed record SignOnResult : TransactionResult
{
    [SetsRequiredMembers]
    internal SignOnResult(TransactionResult exchange) : base(exchange)
    {
    }

    public SignOnKeyStatus KeyStatus { get; init; } = SignOnKeyStatus.NotApproved;

    /// <summary>60.2 of the answer: the batch the terminal must now use; -1 when the answer gave none.</summary>
    public int AssignedBatch { get; init; } = -1;
}
