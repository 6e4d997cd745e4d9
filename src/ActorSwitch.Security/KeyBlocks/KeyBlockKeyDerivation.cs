using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.KeyBlocks;

/// <summary>
/// Key derivation binding of TR-31 versions B and D: the encryption key (KBEK) and authentication key
/// (KBAK) are CMAC(KBPK, counter || usage || 00 || algorithm || length) blocks, concatenated and cut to
/// the KBPK's length. Usage 0000 = encryption, 0001 = MAC.
/// </summary>
internal static class KeyBlockKeyDerivation
{
    public static void DeriveTdes(ReadOnlySpan<byte> kbpk, Span<byte> kbek, Span<byte> kbak)
    {
        // 2-key TDES: algorithm 0000, 128 bits; 3-key: 0001, 192 bits.
        var (algorithm, bits) = kbpk.Length == 16 ? ((ushort)0x0000, (ushort)0x0080) : ((ushort)0x0001, (ushort)0x00C0);
        Derive(kbpk, algorithm, bits, DesCipher.BlockSize, Cmac.ComputeTdes, kbek, kbak);
    }

    public static void DeriveAes(ReadOnlySpan<byte> kbpk, Span<byte> kbek, Span<byte> kbak)
    {
        // AES-128: 0002, 128 bits; AES-192: 0003, 192 bits; AES-256: 0004, 256 bits.
        var (algorithm, bits) = kbpk.Length switch
        {
            16 => ((ushort)0x0002, (ushort)0x0080),
            24 => ((ushort)0x0003, (ushort)0x00C0),
            _ => ((ushort)0x0004, (ushort)0x0100),
        };
        Derive(kbpk, algorithm, bits, AesCbc.BlockSize, Cmac.ComputeAes, kbek, kbak);
    }

    private delegate void CmacFunction(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> mac);

    private static void Derive(ReadOnlySpan<byte> kbpk, ushort algorithm, ushort bits, int cmacSize, CmacFunction cmac,
        Span<byte> kbek, Span<byte> kbak)
    {
        Span<byte> input = stackalloc byte[8];
        input[3] = 0;
        input[4] = (byte)(algorithm >> 8);
        input[5] = (byte)algorithm;
        input[6] = (byte)(bits >> 8);
        input[7] = (byte)bits;

        var calls = (kbpk.Length + cmacSize - 1) / cmacSize;
        Span<byte> encryption = stackalloc byte[calls * cmacSize];
        Span<byte> authentication = stackalloc byte[calls * cmacSize];
        for (var counter = 1; counter <= calls; counter++)
        {
            input[0] = (byte)counter;
            input[1] = 0;
            input[2] = 0;
            cmac(kbpk, input, encryption.Slice((counter - 1) * cmacSize, cmacSize));
            input[2] = 1;
            cmac(kbpk, input, authentication.Slice((counter - 1) * cmacSize, cmacSize));
        }

        encryption[..kbpk.Length].CopyTo(kbek);
        authentication[..kbpk.Length].CopyTo(kbak);
        encryption.Clear();
        authentication.Clear();
    }
}
