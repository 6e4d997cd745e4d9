using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace ActorSwitch.Security.Ciphers;

/// <summary>
/// Single DES (8-byte key) or TDES (16- or 24-byte key) with both key schedules computed once.
/// </summary>
/// <remarks>
/// Thread-safe after construction: BouncyCastle's DES engines keep only the key schedule as state, and
/// <c>ProcessBlock</c> reads it without writing, so one instance serves every caller of a key.
/// </remarks>
public sealed class DesCipher
{
    public const int BlockSize = 8;

    private readonly IBlockCipher encryptor;
    private readonly IBlockCipher decryptor;

    public DesCipher(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (8 or 16 or 24))
            throw new ArgumentException("A DES key is 8 bytes and a TDES key 16 or 24 bytes.", nameof(key));

        KeyLength = key.Length;
        var parameter = new KeyParameter(key);
        encryptor = CreateEngine(key.Length);
        decryptor = CreateEngine(key.Length);
        encryptor.Init(true, parameter);
        decryptor.Init(false, parameter);
    }

    /// <summary>8 for single DES, 16 or 24 for TDES.</summary>
    public int KeyLength { get; }

    public void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output) => encryptor.ProcessBlock(input, output);

    public void DecryptBlock(ReadOnlySpan<byte> input, Span<byte> output) => decryptor.ProcessBlock(input, output);

    public void EncryptEcb(ReadOnlySpan<byte> input, Span<byte> output) => ProcessEcb(encryptor, input, output);

    public void DecryptEcb(ReadOnlySpan<byte> input, Span<byte> output) => ProcessEcb(decryptor, input, output);

    public void EncryptCbc(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        RequireBlocks(input, output);
        Span<byte> chain = stackalloc byte[BlockSize];
        iv[..BlockSize].CopyTo(chain);
        for (var offset = 0; offset < input.Length; offset += BlockSize)
        {
            Xor(chain, input.Slice(offset, BlockSize));
            encryptor.ProcessBlock(chain, output.Slice(offset, BlockSize));
            output.Slice(offset, BlockSize).CopyTo(chain);
        }
    }

    public void DecryptCbc(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        RequireBlocks(input, output);
        Span<byte> previous = stackalloc byte[BlockSize];
        Span<byte> current = stackalloc byte[BlockSize];
        iv[..BlockSize].CopyTo(previous);
        for (var offset = 0; offset < input.Length; offset += BlockSize)
        {
            // Copy first: input and output may be the same buffer.
            input.Slice(offset, BlockSize).CopyTo(current);
            var block = output.Slice(offset, BlockSize);
            decryptor.ProcessBlock(current, block);
            Xor(block, previous);
            current.CopyTo(previous);
        }
    }

    private static IBlockCipher CreateEngine(int keyLength) =>
        keyLength == 8 ? new DesEngine() : new DesEdeEngine();

    private static void ProcessEcb(IBlockCipher engine, ReadOnlySpan<byte> input, Span<byte> output)
    {
        RequireBlocks(input, output);
        for (var offset = 0; offset < input.Length; offset += BlockSize)
            engine.ProcessBlock(input.Slice(offset, BlockSize), output.Slice(offset, BlockSize));
    }

    private static void RequireBlocks(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.Length % BlockSize != 0 || output.Length < input.Length)
            throw new ArgumentException("Input must be whole 8-byte blocks and output at least as long.");
    }

    internal static void Xor(Span<byte> target, ReadOnlySpan<byte> other)
    {
        for (var i = 0; i < target.Length; i++)
            target[i] ^= other[i];
    }
}
