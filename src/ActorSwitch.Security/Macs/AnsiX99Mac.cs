using System.Security.Cryptography;
using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.Macs;

/// <summary>ANSI X9.9 (ISO 9797-1 MAC algorithm 1): single-DES CBC-MAC, IV zero, zero padding, 8-byte MAC.</summary>
public sealed class AnsiX99Mac : IMessageAuthenticator
{
    public const int Length = 8;

    private readonly DesCipher des;

    public AnsiX99Mac(ReadOnlySpan<byte> key)
    {
        if (key.Length != 8)
            throw new ArgumentException("An X9.9 MAC key is a single-length (8-byte) DES key.", nameof(key));
        des = new DesCipher(key);
    }

    public int MacLength => Length;

    public void Compute(ReadOnlySpan<byte> data, Span<byte> mac) => BlockCipherMac.ComputeZeroPadded(des, data, mac[..Length]);

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac)
    {
        if (mac.Length != Length)
            return false;
        Span<byte> expected = stackalloc byte[Length];
        Compute(data, expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }
}
