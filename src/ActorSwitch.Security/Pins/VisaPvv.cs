using System.Security.Cryptography;
using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.Pins;

/// <summary>
/// Visa PIN Verification Value: TDES-encrypt the transformed security parameter (11 right-most PAN digits
/// before the check digit, the PVK index, the first 4 PIN digits) and decimalise the result to 4 digits.
/// The issuer stores the PVV, never the PIN.
/// </summary>
public static class VisaPvv
{
    public const int Length = 4;

    /// <summary>Writes the 4 PVV digits as ASCII. <paramref name="pin"/> holds ASCII digits (at least 4).</summary>
    public static void Compute(DesCipher pvk, ReadOnlySpan<char> pan, int pvkIndex, ReadOnlySpan<byte> pin, Span<byte> pvv)
    {
        if (pan.Length < 12 || pvkIndex is < 0 or > 9 || pin.Length < 4)
            throw new ArgumentException("A PVV needs a PAN of 12+ digits, a PVK index 0..9 and 4+ PIN digits.");

        Span<byte> digits = stackalloc byte[16];
        var panPart = pan[^12..^1];
        for (var i = 0; i < 11; i++)
            digits[i] = (byte)(panPart[i] - '0');
        digits[11] = (byte)pvkIndex;
        for (var i = 0; i < 4; i++)
            digits[12 + i] = (byte)(pin[i] - '0');

        Span<byte> block = stackalloc byte[8];
        for (var i = 0; i < 8; i++)
            block[i] = (byte)(digits[2 * i] << 4 | digits[2 * i + 1]);
        pvk.EncryptBlock(block, block);

        // Decimalise: decimal nibbles left to right, then (if fewer than 4) the hex nibbles minus 10.
        var written = 0;
        for (var pass = 0; pass < 2 && written < Length; pass++)
        {
            for (var i = 0; i < 16 && written < Length; i++)
            {
                var nibble = i % 2 == 0 ? block[i / 2] >> 4 : block[i / 2] & 0xF;
                if (pass == 0 && nibble <= 9)
                    pvv[written++] = (byte)('0' + nibble);
                else if (pass == 1 && nibble > 9)
                    pvv[written++] = (byte)('0' + nibble - 10);
            }
        }

        block.Clear();
        digits.Clear();
    }

    public static bool Verify(DesCipher pvk, ReadOnlySpan<char> pan, int pvkIndex, ReadOnlySpan<byte> pin, ReadOnlySpan<byte> expectedPvv)
    {
        Span<byte> pvv = stackalloc byte[Length];
        Compute(pvk, pan, pvkIndex, pin, pvv);
        return CryptographicOperations.FixedTimeEquals(pvv, expectedPvv);
    }
}
