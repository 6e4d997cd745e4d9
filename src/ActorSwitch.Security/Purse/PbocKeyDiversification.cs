using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.Purse;

/// <summary>
/// PBOC card key diversification: sub-key = TDES(MK, F) || TDES(MK, NOT F), F being 8 bytes of the card's
/// data (for the purse and TAC keys, the last 8 bytes of the application serial number).
/// </summary>
public static class PbocKeyDiversification
{
    public const int FactorLength = 8;
    public const int SubKeyLength = 16;

    public static void Diversify(DesCipher masterKey, ReadOnlySpan<byte> factor, Span<byte> subKey)
    {
        if (factor.Length != FactorLength)
            throw new ArgumentException("A diversification factor is 8 bytes.", nameof(factor));
        Span<byte> inverted = stackalloc byte[FactorLength];
        for (var i = 0; i < FactorLength; i++)
            inverted[i] = (byte)~factor[i];
        masterKey.EncryptBlock(factor, subKey[..8]);
        masterKey.EncryptBlock(inverted, subKey.Slice(8, 8));
    }
}
