namespace ActorSwitch.Security.Macs;

/// <summary>A MAC algorithm bound to one key, its key schedule computed once; thread-safe.</summary>
public interface IMessageAuthenticator
{
    /// <summary>Bytes written by <see cref="Compute"/>.</summary>
    int MacLength { get; }

    void Compute(ReadOnlySpan<byte> data, Span<byte> mac);

    /// <summary>Constant-time comparison of a received MAC with the one computed over <paramref name="data"/>.</summary>
    bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac);
}
