using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.KeyBlocks;

/// <summary>
/// TR-31 / ANSI X9.143 key blocks, versions A, B, C and D: header (clear, authenticated) || encrypted key
/// data (2-byte key length in bits, key, random padding to whole cipher blocks) as hex || MAC as hex.
/// </summary>
public static class Tr31KeyBlock
{
    private const int LengthFieldSize = 2;

    /// <summary>
    /// Wraps <paramref name="key"/> under <paramref name="kbpk"/>. A padding block is added to the header when
    /// it is not whole cipher blocks; <paramref name="padding"/> supplies the key data's random padding.
    /// </summary>
    public static string Wrap(ReadOnlySpan<byte> kbpk, KeyBlockHeader header, ReadOnlySpan<byte> key, IRandomSource padding)
    {
        if (!header.IsWellFormed)
            throw new ArgumentException("The key block header has an invalid field.", nameof(header));
        if (!IsValidKbpkLength(header.Version, kbpk.Length))
            throw new ArgumentException($"A {kbpk.Length}-byte KBPK cannot protect a version {(char)header.Version} block.", nameof(kbpk));
        if (key.IsEmpty || key.Length > 64)
            throw new ArgumentException("A wrapped key is 1 to 64 bytes.", nameof(key));

        header = header.WithPaddingBlock();
        var blockSize = header.CipherBlockSize;
        var macLength = MacLength(header.Version);
        var dataLength = (LengthFieldSize + key.Length + blockSize - 1) / blockSize * blockSize;
        var headerText = header.Format(header.TextLength + 2 * (dataLength + macLength));
        var headerBytes = Encoding.ASCII.GetBytes(headerText);

        var clear = new byte[dataLength];
        var encrypted = new byte[dataLength];
        var mac = new byte[macLength];
        try
        {
            BinaryPrimitives.WriteUInt16BigEndian(clear, (ushort)(key.Length * 8));
            key.CopyTo(clear.AsSpan(LengthFieldSize));
            padding.Fill(clear.AsSpan(LengthFieldSize + key.Length));
            Protect(header.Version, kbpk, headerBytes, clear, encrypted, mac);
            return headerText + Convert.ToHexString(encrypted) + Convert.ToHexString(mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
        }
    }

    /// <summary>
    /// Verifies and decrypts a key block. Every malformed, tampered or wrongly keyed block is reported
    /// through <paramref name="error"/>; nothing is thrown for the block's content.
    /// </summary>
    public static bool TryUnwrap(ReadOnlySpan<byte> kbpk, string keyBlock,
        [NotNullWhen(true)] out UnwrappedKeyBlock? unwrapped, out KeyBlockError error)
    {
        unwrapped = null;
        if (keyBlock is null || !keyBlock.All(c => c is >= ' ' and <= '~'))
            return Fail(KeyBlockError.MalformedBlock, out error);
        if (!KeyBlockHeader.TryParse(keyBlock, out var header, out var declaredLength, out var headerLength, out error))
            return false;
        if (declaredLength != keyBlock.Length)
            return Fail(KeyBlockError.LengthMismatch, out error);
        if (!IsValidKbpkLength(header.Version, kbpk.Length))
            return Fail(KeyBlockError.WrongKbpkLength, out error);
        var blockSize = header.CipherBlockSize;
        if (headerLength % blockSize != 0)
            return Fail(KeyBlockError.HeaderNotBlockAligned, out error);

        var macHexLength = 2 * MacLength(header.Version);
        var dataHexLength = keyBlock.Length - headerLength - macHexLength;
        if (dataHexLength <= 0 || dataHexLength % (2 * blockSize) != 0)
            return Fail(KeyBlockError.MalformedKeyData, out error);

        var encrypted = new byte[dataHexLength / 2];
        var mac = new byte[macHexLength / 2];
        if (Convert.FromHexString(keyBlock.AsSpan(headerLength, dataHexLength), encrypted, out _, out _) != OperationStatus.Done
            || Convert.FromHexString(keyBlock.AsSpan(headerLength + dataHexLength), mac, out _, out _) != OperationStatus.Done)
            return Fail(KeyBlockError.MalformedKeyData, out error);

        var headerBytes = Encoding.ASCII.GetBytes(keyBlock[..headerLength]);
        var clear = new byte[encrypted.Length];
        try
        {
            if (!Recover(header.Version, kbpk, headerBytes, encrypted, mac, clear))
                return Fail(KeyBlockError.MacMismatch, out error);

            var bits = BinaryPrimitives.ReadUInt16BigEndian(clear);
            if (bits == 0 || bits % 8 != 0 || bits / 8 > clear.Length - LengthFieldSize)
                return Fail(KeyBlockError.InvalidKeyLength, out error);

            unwrapped = new UnwrappedKeyBlock(header, clear.AsSpan(LengthFieldSize, bits / 8).ToArray());
            error = KeyBlockError.None;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
        }
    }

    public static int MacLength(KeyBlockVersion version) => version switch
    {
        KeyBlockVersion.A or KeyBlockVersion.C => 4,
        KeyBlockVersion.B => 8,
        _ => 16,
    };

    private static bool IsValidKbpkLength(KeyBlockVersion version, int length) => version switch
    {
        KeyBlockVersion.D => length is 16 or 24 or 32,
        KeyBlockVersion.A or KeyBlockVersion.B or KeyBlockVersion.C => length is 16 or 24,
        _ => false,
    };

    private static void Protect(KeyBlockVersion version, ReadOnlySpan<byte> kbpk, byte[] header, byte[] clear, byte[] encrypted, byte[] mac)
    {
        Span<byte> kbek = stackalloc byte[kbpk.Length];
        Span<byte> kbak = stackalloc byte[kbpk.Length];
        try
        {
            switch (version)
            {
                case KeyBlockVersion.A or KeyBlockVersion.C:
                    DeriveVariants(kbpk, kbek, kbak);
                    new DesCipher(kbek).EncryptCbc(header.AsSpan(0, 8), clear, encrypted);
                    VariantMac(kbak, header, encrypted, mac);
                    break;
                case KeyBlockVersion.B:
                    // Derivation binding: the MAC covers the clear key data and is the encryption IV.
                    KeyBlockKeyDerivation.DeriveTdes(kbpk, kbek, kbak);
                    Cmac.ComputeTdes(kbak, header, clear, mac);
                    new DesCipher(kbek).EncryptCbc(mac, clear, encrypted);
                    break;
                default:
                    KeyBlockKeyDerivation.DeriveAes(kbpk, kbek, kbak);
                    Cmac.ComputeAes(kbak, header, clear, mac);
                    AesCbc.Encrypt(kbek, mac, clear, encrypted);
                    break;
            }
        }
        finally
        {
            kbek.Clear();
            kbak.Clear();
        }
    }

    private static bool Recover(KeyBlockVersion version, ReadOnlySpan<byte> kbpk, byte[] header, byte[] encrypted, byte[] mac, byte[] clear)
    {
        Span<byte> kbek = stackalloc byte[kbpk.Length];
        Span<byte> kbak = stackalloc byte[kbpk.Length];
        Span<byte> expected = stackalloc byte[mac.Length];
        try
        {
            switch (version)
            {
                case KeyBlockVersion.A or KeyBlockVersion.C:
                    DeriveVariants(kbpk, kbek, kbak);
                    VariantMac(kbak, header, encrypted, expected);
                    if (!CryptographicOperations.FixedTimeEquals(expected, mac))
                        return false;
                    new DesCipher(kbek).DecryptCbc(header.AsSpan(0, 8), encrypted, clear);
                    return true;
                case KeyBlockVersion.B:
                    KeyBlockKeyDerivation.DeriveTdes(kbpk, kbek, kbak);
                    new DesCipher(kbek).DecryptCbc(mac, encrypted, clear);
                    Cmac.ComputeTdes(kbak, header, clear, expected);
                    return CryptographicOperations.FixedTimeEquals(expected, mac);
                default:
                    KeyBlockKeyDerivation.DeriveAes(kbpk, kbek, kbak);
                    AesCbc.Decrypt(kbek, mac, encrypted, clear);
                    Cmac.ComputeAes(kbak, header, clear, expected);
                    return CryptographicOperations.FixedTimeEquals(expected, mac);
            }
        }
        finally
        {
            kbek.Clear();
            kbak.Clear();
        }
    }

    private static void DeriveVariants(ReadOnlySpan<byte> kbpk, Span<byte> kbek, Span<byte> kbmk)
    {
        for (var i = 0; i < kbpk.Length; i++)
        {
            kbek[i] = (byte)(kbpk[i] ^ 0x45);
            kbmk[i] = (byte)(kbpk[i] ^ 0x4D);
        }
    }

    /// <summary>Variant binding MAC: TDES CBC-MAC (ISO 9797-1 algorithm 1) over header || encrypted data, 4 bytes.</summary>
    private static void VariantMac(ReadOnlySpan<byte> kbmk, byte[] header, byte[] encrypted, Span<byte> mac) =>
        BlockCipherMac.ComputeZeroPadded(new DesCipher(kbmk), [.. header, .. encrypted], mac);

    private static bool Fail(KeyBlockError reason, out KeyBlockError error)
    {
        error = reason;
        return false;
    }
}
