using System.Security.Cryptography;
using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.Macs;

/// <summary>
/// The China UnionPay POS "ECB" MAC (POS interface, section 6): XOR the zero-padded 8-byte blocks, write
/// the result as 16 upper-case hex characters, encrypt the first 8, XOR with the last 8, encrypt again;
/// the MAC is the first 8 upper-case hex characters of that, as the 8 ASCII bytes carried in F64.
/// A single-length MAK (8 bytes) uses single DES; a double-length MAK uses TDES for both encryptions.
/// </summary>
public sealed class UnionPayEcbMac(DesCipher mak) : IMessageAuthenticator
{
    public const int Length = 8;

    public UnionPayEcbMac(ReadOnlySpan<byte> mak) : this(new DesCipher(mak))
    {
    }

    public int MacLength => Length;

    public void Compute(ReadOnlySpan<byte> data, Span<byte> mac)
    {
        Span<byte> folded = stackalloc byte[8];
        Fold(data, folded);

        Span<byte> hex = stackalloc byte[16];
        WriteUpperHex(folded, hex);

        Span<byte> block = stackalloc byte[8];
        mak.EncryptBlock(hex[..8], block);
        DesCipher.Xor(block, hex[8..]);
        mak.EncryptBlock(block, block);

        WriteUpperHex(block[..4], mac[..Length]);
    }

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac)
    {
        if (mac.Length != Length)
            return false;
        Span<byte> expected = stackalloc byte[Length];
        Compute(data, expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }

    private static void Fold(ReadOnlySpan<byte> data, Span<byte> folded)
    {
        // Folding eight bytes at a time as one 64-bit word: the MAC block of a purchase is ~100 bytes.
        ulong accumulator = 0;
        var whole = data.Length & ~7;
        for (var offset = 0; offset < whole; offset += 8)
            accumulator ^= BitConverter.ToUInt64(data.Slice(offset, 8));
        BitConverter.TryWriteBytes(folded, accumulator);
        for (var i = whole; i < data.Length; i++)
            folded[i - whole] ^= data[i];
    }

    private static void WriteUpperHex(ReadOnlySpan<byte> bytes, Span<byte> ascii)
    {
        const string digits = "0123456789ABCDEF";
        for (var i = 0; i < bytes.Length; i++)
        {
            ascii[2 * i] = (byte)digits[bytes[i] >> 4];
            ascii[2 * i + 1] = (byte)digits[bytes[i] & 0xF];
        }
    }
}
