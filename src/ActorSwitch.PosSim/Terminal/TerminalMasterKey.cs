using System.Security.Cryptography;
using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.KeyBlocks;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// The terminal master key inside the simulated PIN pad. It arrives from the operator API as a TR-31 block
/// (header D....K0TB00N0000) under the key-loading device's KBPK; tests may load it in clear. The PIN pad
/// sits outside the platform, so it holds its keys in clear (as a key schedule) and never hands them out.
/// </summary>
public sealed class TerminalMasterKey
{
    private TerminalMasterKey(DesCipher cipher, string checkValue)
    {
        Cipher = cipher;
        CheckValue = checkValue;
    }

    /// <summary>The key's check value, 3 bytes as 6 upper-case hex characters.</summary>
    public string CheckValue { get; }

    internal DesCipher Cipher { get; }

    /// <summary>A clear double- or triple-length TDES key (tests and the documented demo keys).</summary>
    public static TerminalMasterKey FromClear(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 24))
            throw new ArgumentException("A terminal master key is a 16- or 24-byte TDES key.", nameof(key));
        return new TerminalMasterKey(new DesCipher(key), KeyCheckValue.DesHex(key));
    }

    /// <summary>
    /// Unwraps the key block with <paramref name="kbpk"/>, requires a TDES key-encryption key (usage K0,
    /// algorithm T) and, when <paramref name="expectedCheckValue"/> is given (hex, 2 to 8 bytes), checks it.
    /// </summary>
    /// <exception cref="KeyLoadingException">The block does not unwrap, is not a TMK, or the check value differs.</exception>
    public static TerminalMasterKey FromKeyBlock(string block, ReadOnlySpan<byte> kbpk, string? expectedCheckValue = null)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (!Tr31KeyBlock.TryUnwrap(kbpk, block, out var unwrapped, out var error))
            throw new KeyLoadingException($"The key block does not unwrap: {error}.");
        try
        {
            var header = unwrapped.Header;
            if (header.Usage != KeyUsage.KeyEncryption || header.Algorithm != KeyAlgorithm.Tdes)
                throw new KeyLoadingException(
                    $"The key block holds a key of usage {header.Usage} and algorithm {(char)header.Algorithm}, not a TDES key-encryption key (K0, T).");
            if (unwrapped.Key.Length is not (16 or 24))
                throw new KeyLoadingException($"The key block holds {unwrapped.Key.Length} bytes, not a 16- or 24-byte TDES key.");
            if (expectedCheckValue is not null)
                RequireCheckValue(unwrapped.Key, expectedCheckValue);
            return FromClear(unwrapped.Key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(unwrapped.Key);
        }
    }

    private static void RequireCheckValue(ReadOnlySpan<byte> key, string expected)
    {
        if (expected.Length is < 4 or > 16 || expected.Length % 2 != 0)
            throw new KeyLoadingException($"A check value is 2 to 8 bytes of hex, not '{expected}'.");
        var actual = KeyCheckValue.DesHex(key, expected.Length / 2);
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            throw new KeyLoadingException($"The key's check value is {actual}, not the expected {expected.ToUpperInvariant()}.");
    }
}
