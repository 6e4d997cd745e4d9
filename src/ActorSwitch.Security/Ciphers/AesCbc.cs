using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;

namespace ActorSwitch.Security.Ciphers;

/// <summary>AES in CBC mode over whole 16-byte blocks, no padding (callers pad as their format says).</summary>
public static class AesCbc
{
    public const int BlockSize = 16;

    public static void Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var engine = AesUtilities.CreateEngine();
        engine.Init(true, new KeyParameter(key));
        Span<byte> chain = stackalloc byte[BlockSize];
        iv[..BlockSize].CopyTo(chain);
        for (var offset = 0; offset < input.Length; offset += BlockSize)
        {
            DesCipher.Xor(chain, input.Slice(offset, BlockSize));
            engine.ProcessBlock(chain, output.Slice(offset, BlockSize));
            output.Slice(offset, BlockSize).CopyTo(chain);
        }
    }

    public static void Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var engine = AesUtilities.CreateEngine();
        engine.Init(false, new KeyParameter(key));
        Span<byte> previous = stackalloc byte[BlockSize];
        Span<byte> current = stackalloc byte[BlockSize];
        iv[..BlockSize].CopyTo(previous);
        for (var offset = 0; offset < input.Length; offset += BlockSize)
        {
            input.Slice(offset, BlockSize).CopyTo(current);
            var block = output.Slice(offset, BlockSize);
            engine.ProcessBlock(current, block);
            DesCipher.Xor(block, previous);
            current.CopyTo(previous);
        }
    }
}
