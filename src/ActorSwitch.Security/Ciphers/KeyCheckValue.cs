namespace ActorSwitch.Security.Ciphers;

/// <summary>
/// Key check values. DES/TDES: the key encrypting 8 zero bytes (the convention of every TDES HSM).
/// AES: CMAC of 16 zero bytes, the X9.24-1:2017 AES method, chosen because it never exposes a
/// raw encryption of a known block under the key.
/// </summary>
public static class KeyCheckValue
{
    /// <summary>Conventional length of a check value shown to operators (3 bytes, 6 hex).</summary>
    public const int DisplayLength = 3;

    public static void ComputeDes(ReadOnlySpan<byte> key, Span<byte> checkValue) =>
        ComputeDes(new DesCipher(key), checkValue);

    public static void ComputeDes(DesCipher cipher, Span<byte> checkValue)
    {
        Span<byte> block = stackalloc byte[DesCipher.BlockSize];
        block.Clear();
        cipher.EncryptBlock(block, block);
        block[..checkValue.Length].CopyTo(checkValue);
    }

    public static void ComputeAes(ReadOnlySpan<byte> key, Span<byte> checkValue)
    {
        Span<byte> zeros = stackalloc byte[AesCbc.BlockSize];
        zeros.Clear();
        Cmac.ComputeAes(key, zeros, checkValue);
    }

    /// <summary>Upper-case hex check value of <paramref name="length"/> bytes for a DES/TDES key.</summary>
    public static string DesHex(ReadOnlySpan<byte> key, int length = DisplayLength)
    {
        Span<byte> value = stackalloc byte[length];
        ComputeDes(key, value);
        return Convert.ToHexString(value);
    }

    /// <summary>Upper-case hex check value of <paramref name="length"/> bytes for an AES key.</summary>
    public static string AesHex(ReadOnlySpan<byte> key, int length = DisplayLength)
    {
        Span<byte> value = stackalloc byte[length];
        ComputeAes(key, value);
        return Convert.ToHexString(value);
    }
}
