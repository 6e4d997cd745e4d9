using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace ActorSwitch.Security.Ciphers;

/// <summary>SM4 block cipher (GB/T 32907), 16-byte key and block, key schedules computed once.</summary>
public sealed class Sm4Cipher
{
    public const int BlockSize = 16;

    private readonly IBlockCipher encryptor = new SM4Engine();
    private readonly IBlockCipher decryptor = new SM4Engine();

    public Sm4Cipher(ReadOnlySpan<byte> key)
    {
        if (key.Length != 16)
            throw new ArgumentException("An SM4 key is 16 bytes.", nameof(key));
        var parameter = new KeyParameter(key);
        encryptor.Init(true, parameter);
        decryptor.Init(false, parameter);
    }

    public void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output) => encryptor.ProcessBlock(input, output);

    public void DecryptBlock(ReadOnlySpan<byte> input, Span<byte> output) => decryptor.ProcessBlock(input, output);
}
