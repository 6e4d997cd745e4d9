namespace ActorSwitch.Iso8583;

/// <summary>Why a frame's length prefix was refused. Any of these closes the connection.</summary>
public enum FrameError : byte
{
    /// <summary>No error.</summary>
    None,
    /// <summary>The length prefix says 0.</summary>
    ZeroLength,
    /// <summary>The length prefix is above the dialect's maximum frame length.</summary>
    TooLong,
    /// <summary>The prefix is not a number (ASCII prefix with a non-digit).</summary>
    BadLengthPrefix,
}
