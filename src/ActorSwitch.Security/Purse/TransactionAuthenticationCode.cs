using System.Security.Cryptography;
using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.Purse;

/// <summary>
/// The purse TAC (POS interface, section 7): the card's TAC key DTK (16 bytes) is folded to a single-DES
/// key (left half XOR right half), then <see cref="PbocMac"/> over amount(4) type(1) PSAM terminal(6)
/// PSAM sequence(4) date(4) time(3).
/// </summary>
public static class TransactionAuthenticationCode
{
    public const int Length = PbocMac.Length;

    public static void Compute(ReadOnlySpan<byte> cardTacKey, ReadOnlySpan<byte> tacInput, Span<byte> tac)
    {
        if (cardTacKey.Length != 16)
            throw new ArgumentException("A card TAC key is 16 bytes.", nameof(cardTacKey));
        Span<byte> folded = stackalloc byte[8];
        for (var i = 0; i < 8; i++)
            folded[i] = (byte)(cardTacKey[i] ^ cardTacKey[8 + i]);
        PbocMac.Compute(folded, tacInput, tac);
        folded.Clear();
    }

    public static bool Verify(ReadOnlySpan<byte> cardTacKey, ReadOnlySpan<byte> tacInput, ReadOnlySpan<byte> tac)
    {
        Span<byte> expected = stackalloc byte[Length];
        Compute(cardTacKey, tacInput, expected);
        return tac.Length == Length && CryptographicOperations.FixedTimeEquals(expected, tac);
    }
}
