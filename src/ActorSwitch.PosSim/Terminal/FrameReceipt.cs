namespace ActorSwitch.PosSim.Terminal;

/// <summary>What a wait for the next frame produced.</summary>
internal enum ReceiptStatus
{
    Frame,
    TimedOut,
    Closed,
    /// <summary>An invalid length prefix: the connection was closed.</summary>
    FramingError,
}

/// <summary>A received frame (without its length prefix, valid until the next receive) or why there is none.</summary>
internal readonly record struct FrameReceipt(ReceiptStatus Status, ReadOnlyMemory<byte> Frame);
