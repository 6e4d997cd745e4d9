using System.Security.Cryptography;
using ActorSwitch.Security.Pins;

namespace ActorSwitch.Security.Module;

/// <summary>PIN translation and PIN verification by Visa PVV.</summary>
public sealed partial class SoftwareSecurityModule
{
    public PinBlockError TranslatePinBlock(KeyHandle sourcePinKey, KeyHandle destinationPinKey, ReadOnlySpan<byte> pinBlock,
        ReadOnlySpan<char> pan, Span<byte> translatedPinBlock)
    {
        var source = Use(sourcePinKey, KeyOperation.DecryptPin);
        var destination = Use(destinationPinKey, KeyOperation.EncryptPin);
        return PinBlockTranslator.Translate(source.Des, destination.Des, pinBlock, pan, translatedPinBlock);
    }

    public string IssuePinVerificationValue(KeyHandle pinVerificationKey, int pvkIndex, ReadOnlySpan<char> pan, ReadOnlySpan<char> pin)
    {
        var pvk = Use(pinVerificationKey, KeyOperation.GeneratePinVerificationValue);
        RequirePvvInputs(pvkIndex, pan);
        Span<byte> clearBlock = stackalloc byte[IsoFormat0PinBlock.Length];
        Span<byte> digits = stackalloc byte[IsoFormat0PinBlock.MaxPinLength];
        try
        {
            // Building the block validates the PIN exactly as a terminal's block would be.
            if (IsoFormat0PinBlock.Build(pin, pan, clearBlock) != PinBlockError.None
                || IsoFormat0PinBlock.Parse(clearBlock, pan, digits, out var length) != PinBlockError.None)
                throw new SecurityModuleException(SecurityFailure.InvalidInput, "The PIN must be 4 to 12 digits.");
            Span<byte> pvv = stackalloc byte[VisaPvv.Length];
            VisaPvv.Compute(pvk.Des, pan, pvkIndex, digits[..length], pvv);
            return System.Text.Encoding.ASCII.GetString(pvv);
        }
        finally
        {
            clearBlock.Clear();
            digits.Clear();
        }
    }

    public PinVerificationResult VerifyPin(KeyHandle pinKey, ReadOnlySpan<byte> pinBlock, ReadOnlySpan<char> pan,
        KeyHandle pinVerificationKey, int pvkIndex, ReadOnlySpan<char> pvv)
    {
        var pinEncryptionKey = Use(pinKey, KeyOperation.DecryptPin);
        var pvk = Use(pinVerificationKey, KeyOperation.VerifyPinVerificationValue);
        RequirePvvInputs(pvkIndex, pan);
        if (pvv.Length != VisaPvv.Length)
            throw new SecurityModuleException(SecurityFailure.InvalidInput, "A PVV is 4 digits.");
        if (pinBlock.Length != IsoFormat0PinBlock.Length)
            return PinVerificationResult.InvalidPinBlock;

        Span<byte> clearBlock = stackalloc byte[IsoFormat0PinBlock.Length];
        Span<byte> digits = stackalloc byte[IsoFormat0PinBlock.MaxPinLength];
        Span<byte> computed = stackalloc byte[VisaPvv.Length];
        Span<byte> expected = stackalloc byte[VisaPvv.Length];
        try
        {
            pinEncryptionKey.Des.DecryptBlock(pinBlock, clearBlock);
            if (IsoFormat0PinBlock.Parse(clearBlock, pan, digits, out var length) != PinBlockError.None)
                return PinVerificationResult.InvalidPinBlock;
            VisaPvv.Compute(pvk.Des, pan, pvkIndex, digits[..length], computed);
            for (var i = 0; i < VisaPvv.Length; i++)
                expected[i] = (byte)pvv[i];
            return CryptographicOperations.FixedTimeEquals(computed, expected)
                ? PinVerificationResult.Verified
                : PinVerificationResult.Mismatch;
        }
        finally
        {
            clearBlock.Clear();
            digits.Clear();
            computed.Clear();
        }
    }

    private static void RequirePvvInputs(int pvkIndex, ReadOnlySpan<char> pan)
    {
        if (pvkIndex is < 0 or > 9)
            throw new SecurityModuleException(SecurityFailure.InvalidInput, "A PVK index is one digit.");
        if (pan.Length is < 12 or > 19 || pan.ContainsAnyExceptInRange('0', '9'))
            throw new SecurityModuleException(SecurityFailure.InvalidInput, "A PAN is 12 to 19 digits.");
    }
}
