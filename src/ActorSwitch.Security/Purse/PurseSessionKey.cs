using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.Purse;

/// <summary>PBOC electronic purse session keys: TDES of 8 bytes of transaction data under the card's key.</summary>
public static class PurseSessionKey
{
    public const int Length = 8;

    /// <summary>
    /// Purchase: input = card random (4) || purse offline sequence (2) || the right-most 2 bytes of the
    /// 4-byte PSAM terminal transaction sequence; key = the card's purchase key (DPK).
    /// </summary>
    public static void ForPurchase(DesCipher purchaseKey, ReadOnlySpan<byte> cardRandom, ReadOnlySpan<byte> offlineSequence,
        ReadOnlySpan<byte> terminalSequence, Span<byte> sessionKey)
    {
        Span<byte> input = stackalloc byte[8];
        cardRandom[..4].CopyTo(input);
        offlineSequence[..2].CopyTo(input[4..]);
        terminalSequence.Slice(2, 2).CopyTo(input[6..]);
        purchaseKey.EncryptBlock(input, sessionKey);
    }

    /// <summary>Load: input = card random (4) || purse online sequence (2) || 8000; key = the card's load key (DLK).</summary>
    public static void ForLoad(DesCipher loadKey, ReadOnlySpan<byte> cardRandom, ReadOnlySpan<byte> onlineSequence, Span<byte> sessionKey)
    {
        Span<byte> input = stackalloc byte[8];
        cardRandom[..4].CopyTo(input);
        onlineSequence[..2].CopyTo(input[4..]);
        input[6] = 0x80;
        input[7] = 0x00;
        loadKey.EncryptBlock(input, sessionKey);
    }
}
