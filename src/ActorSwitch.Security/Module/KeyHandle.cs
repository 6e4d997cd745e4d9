using ActorSwitch.Security.KeyBlocks;

namespace ActorSwitch.Security.Module;

/// <summary>
/// An opaque reference to a key held by the security module. It IS the key's TR-31 version D block under
/// the LMK-derived KBPK, so it can be persisted (<see cref="KeyBlock"/>) and used again after a restart or on
/// any node loaded with the same LMK; its usage, algorithm and mode of use are bound to the key by the MAC.
/// </summary>
public sealed class KeyHandle : IEquatable<KeyHandle>
{
    internal KeyHandle(string keyBlock, KeyBlockHeader header)
    {
        KeyBlock = keyBlock;
        Header = header;
    }

    /// <summary>The key block to persist. It holds the key only encrypted under the LMK.</summary>
    public string KeyBlock { get; }

    public KeyUsage Usage => Header.Usage;

    public KeyAlgorithm Algorithm => Header.Algorithm;

    public KeyModeOfUse ModeOfUse => Header.ModeOfUse;

    public KeyExportability Exportability => Header.Exportability;

    internal KeyBlockHeader Header { get; }

    /// <summary>The unwrapped key, memoised on the handle so the hot path skips the cache lookup.</summary>
    internal LoadedKey? Loaded { get; set; }

    /// <summary>
    /// A handle for a persisted key block. Only the clear header is read here; the module verifies the
    /// block's MAC under its LMK on first use.
    /// </summary>
    public static KeyHandle FromKeyBlock(string keyBlock)
    {
        if (keyBlock is null || !KeyBlockHeader.TryParse(keyBlock, out var header, out var length, out _, out _)
            || length != keyBlock.Length)
            throw new SecurityModuleException(SecurityFailure.KeyBlockInvalid, "Not a well-formed key block.");
        if (header.Version != KeyBlockVersion.D)
            throw new SecurityModuleException(SecurityFailure.KeyBlockInvalid, $"Keys at rest are version D blocks, not {(char)header.Version}.");
        return new KeyHandle(keyBlock, header);
    }

    public bool Equals(KeyHandle? other) => other is not null && string.Equals(KeyBlock, other.KeyBlock, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is KeyHandle other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(KeyBlock);

    /// <summary>Attributes only: neither the key nor its block is printed.</summary>
    public override string ToString() =>
        $"KeyHandle({Usage.Code}, {(char)Algorithm}, mode {(char)ModeOfUse}, {(char)Exportability})";
}
