using System.Security.Cryptography;
using System.Text;

namespace ActorSwitch.Iso8583.Tests.Support;

/// <summary>The UnionPay "ECB" MAC of section 6, test-side only (the codec knows no cryptography):
/// it proves that the codec hands out exactly the right MAC block.</summary>
internal static class UnionPayMac
{
    public static MacCalculator With(byte[] mak) => (block, mac) => Compute(mak, block, mac);

    public static void Compute(byte[] mak, ReadOnlySpan<byte> block, Span<byte> mac)
    {
        Span<byte> x = stackalloc byte[8];
        for (int i = 0; i < block.Length; i++) x[i & 7] ^= block[i]; // zero padding is a no-op for XOR
        byte[] hex = Encoding.ASCII.GetBytes(Convert.ToHexString(x));
        using var des = DES.Create();
        des.Key = mak;
        byte[] first = des.EncryptEcb(hex.AsSpan(0, 8), PaddingMode.None);
        for (int i = 0; i < 8; i++) first[i] ^= hex[8 + i];
        byte[] second = des.EncryptEcb(first, PaddingMode.None);
        Encoding.ASCII.GetBytes(Convert.ToHexString(second).AsSpan(0, 8), mac);
    }
}
