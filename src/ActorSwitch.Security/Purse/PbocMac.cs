using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.Purse;

/// <summary>
/// The PBOC purse MAC (MAC1, MAC2, TAC): single-DES CBC-MAC, IV zero, padding 0x80 then zeros (always
/// added), the first 4 bytes.
/// </summary>
public static class PbocMac
{
    public const int Length = 4;

    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> mac) =>
        BlockCipherMac.ComputeBitPadded(new DesCipher(key), data, mac[..Length]);
}
