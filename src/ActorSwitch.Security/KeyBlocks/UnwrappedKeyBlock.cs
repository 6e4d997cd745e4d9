namespace ActorSwitch.Security.KeyBlocks;

/// <summary>A verified key block: its header and the clear key (the caller clears <see cref="Key"/> when done).</summary>
public sealed record UnwrappedKeyBlock(KeyBlockHeader Header, byte[] Key);
