using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace ActorSwitch.Security.Ciphers;

/// <summary>CMAC (NIST SP 800-38B) over AES or TDES; a fresh BouncyCastle MAC per call because CMAC keeps state.</summary>
public static class Cmac
{
    public static void ComputeAes(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> mac) =>
        Compute(AesUtilities.CreateEngine(), key, data, [], mac);

    /// <summary>CMAC-AES over <paramref name="data"/> || <paramref name="more"/>, without joining them in memory.</summary>
    public static void ComputeAes(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> more, Span<byte> mac) =>
        Compute(AesUtilities.CreateEngine(), key, data, more, mac);

    public static void ComputeTdes(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> mac) =>
        Compute(new DesEdeEngine(), key, data, [], mac);

    /// <summary>CMAC-TDES over <paramref name="data"/> || <paramref name="more"/>, without joining them in memory.</summary>
    public static void ComputeTdes(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> more, Span<byte> mac) =>
        Compute(new DesEdeEngine(), key, data, more, mac);

    private static void Compute(IBlockCipher engine, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> more, Span<byte> mac)
    {
        var cmac = new CMac(engine);
        cmac.Init(new KeyParameter(key));
        cmac.BlockUpdate(data);
        cmac.BlockUpdate(more);
        Span<byte> full = stackalloc byte[cmac.GetMacSize()];
        cmac.DoFinal(full);
        full[..mac.Length].CopyTo(mac);
    }
}
