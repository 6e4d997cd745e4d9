using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.Pins;

/// <summary>
/// Re-encrypts an ISO format 0 PIN block from one PIN key to another, refusing a block that does not
/// decode to a valid PIN for the PAN (so a wrong key or a garbled block is answered 99, not forwarded).
/// </summary>
public static class PinBlockTranslator
{
    public static PinBlockError Translate(
        DesCipher sourceKey,
        DesCipher destinationKey,
        ReadOnlySpan<byte> encryptedPinBlock,
        ReadOnlySpan<char> pan,
        Span<byte> translatedPinBlock)
    {
        if (encryptedPinBlock.Length != IsoFormat0PinBlock.Length)
            return PinBlockError.WrongBlockLength;

        Span<byte> clear = stackalloc byte[IsoFormat0PinBlock.Length];
        sourceKey.DecryptBlock(encryptedPinBlock, clear);
        var error = IsoFormat0PinBlock.Validate(clear, pan);
        if (error == PinBlockError.None)
            destinationKey.EncryptBlock(clear, translatedPinBlock);
        clear.Clear();
        return error;
    }
}
