namespace ActorSwitch.Security.KeyBlocks;

/// <summary>Why a TR-31 key block was refused.</summary>
public enum KeyBlockError
{
    None = 0,
    /// <summary>Shorter than a header, or a character outside printable ASCII.</summary>
    MalformedBlock,
    UnsupportedVersion,
    /// <summary>The 4-digit length does not match the block.</summary>
    LengthMismatch,
    /// <summary>A header field has a character its position does not allow.</summary>
    MalformedHeader,
    MalformedOptionalBlock,
    /// <summary>The header is not a whole number of cipher blocks (a missing PB block).</summary>
    HeaderNotBlockAligned,
    /// <summary>The key data or MAC is not hex, or not whole cipher blocks.</summary>
    MalformedKeyData,
    /// <summary>The KBPK's length does not fit the block's version.</summary>
    WrongKbpkLength,
    /// <summary>The MAC does not verify: a tampered block or the wrong KBPK.</summary>
    MacMismatch,
    /// <summary>The decrypted key length field is impossible.</summary>
    InvalidKeyLength,
}
