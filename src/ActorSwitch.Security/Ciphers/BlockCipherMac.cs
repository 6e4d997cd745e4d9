namespace ActorSwitch.Security.Ciphers;

/// <summary>
/// CBC-MAC (ISO 9797-1 MAC algorithm 1, IV zero) with DES or TDES, the building block of several payment MACs.
/// </summary>
public static class BlockCipherMac
{
    /// <summary>CBC-MAC over <paramref name="data"/> padded with zeros (ISO 9797-1 padding method 1).</summary>
    public static void ComputeZeroPadded(DesCipher cipher, ReadOnlySpan<byte> data, Span<byte> mac) =>
        Compute(cipher, data, padWith80: false, mac);

    /// <summary>CBC-MAC over <paramref name="data"/> || 0x80 || zeros (ISO 9797-1 padding method 2), as PBOC uses.</summary>
    public static void ComputeBitPadded(DesCipher cipher, ReadOnlySpan<byte> data, Span<byte> mac) =>
        Compute(cipher, data, padWith80: true, mac);

    private static void Compute(DesCipher cipher, ReadOnlySpan<byte> data, bool padWith80, Span<byte> mac)
    {
        const int size = DesCipher.BlockSize;
        Span<byte> chain = stackalloc byte[size];
        chain.Clear();
        var whole = data.Length - data.Length % size;
        for (var offset = 0; offset < whole; offset += size)
        {
            DesCipher.Xor(chain, data.Slice(offset, size));
            cipher.EncryptBlock(chain, chain);
        }

        var tail = data[whole..];
        // Zero padding adds no block to whole-block data (except empty data); 0x80 padding always does.
        if (tail.Length > 0 || padWith80 || data.IsEmpty)
        {
            Span<byte> last = stackalloc byte[size];
            last.Clear();
            tail.CopyTo(last);
            if (padWith80)
                last[tail.Length] = 0x80;
            DesCipher.Xor(chain, last);
            cipher.EncryptBlock(chain, chain);
        }

        chain[..mac.Length].CopyTo(mac);
    }
}
