using System.Security.Cryptography;
using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.Macs;

/// <summary>
/// ANSI X9.19 retail MAC (ISO 9797-1 MAC algorithm 3): single-DES CBC under the left key for every block,
/// then decrypt with the right key and encrypt with the left (third) key on the last; zero padding, 8 bytes.
/// </summary>
/// <remarks>Implemented as DES-CBC over all but the last block, then TDES on the last: the same result.</remarks>
public sealed class AnsiX919Mac : IMessageAuthenticator
{
    public const int Length = 8;

    private readonly DesCipher left;
    private readonly DesCipher full;

    public AnsiX919Mac(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 24))
            throw new ArgumentException("An X9.19 MAC key is a double- or triple-length TDES key.", nameof(key));
        left = new DesCipher(key[..8]);
        full = new DesCipher(key);
    }

    public int MacLength => Length;

    public void Compute(ReadOnlySpan<byte> data, Span<byte> mac)
    {
        const int size = DesCipher.BlockSize;
        var blockCount = Math.Max(1, (data.Length + size - 1) / size);
        Span<byte> chain = stackalloc byte[size];
        chain.Clear();
        for (var index = 0; index < blockCount - 1; index++)
        {
            DesCipher.Xor(chain, data.Slice(index * size, size));
            left.EncryptBlock(chain, chain);
        }

        Span<byte> last = stackalloc byte[size];
        last.Clear();
        data[((blockCount - 1) * size)..].CopyTo(last);
        DesCipher.Xor(chain, last);
        full.EncryptBlock(chain, mac[..Length]);
    }

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac)
    {
        if (mac.Length != Length)
            return false;
        Span<byte> expected = stackalloc byte[Length];
        Compute(data, expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }
}
