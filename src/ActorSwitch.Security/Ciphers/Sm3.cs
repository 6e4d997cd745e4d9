using Org.BouncyCastle.Crypto.Digests;

namespace ActorSwitch.Security.Ciphers;

/// <summary>SM3 hash (GB/T 32905), 32-byte digest.</summary>
public static class Sm3
{
    public const int DigestSize = 32;

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        var sm3 = new SM3Digest();
        sm3.BlockUpdate(data);
        sm3.DoFinal(digest);
    }
}
