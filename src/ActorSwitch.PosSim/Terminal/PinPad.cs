using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.Pins;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// The PIN pad: the ISO 9564 format 0 block of the PIN and PAN, encrypted under the PIK (F52), and the
/// security control information that describes it (F53).
/// </summary>
public static class PinPad
{
    /// <summary>F26, the PIN capture code: the most PIN digits the pad accepts.</summary>
    public const string CaptureCode = "06";

    /// <summary>F53 for a double-length PIK: format with PAN (2), TDES (6), no track encryption.</summary>
    public const string DoubleLengthSecurityControl = "2600000000000000";

    /// <summary>F53 for the legacy single-length PIK of layout 001: format with PAN (2), single DES (0).</summary>
    public const string SingleLengthSecurityControl = "2000000000000000";

    /// <summary>Writes the 8-byte encrypted PIN block.</summary>
    /// <exception cref="ArgumentException">The PIN or PAN is not valid for a format 0 block.</exception>
    public static void EncryptPinBlock(DesCipher pinKey, ReadOnlySpan<char> pin, ReadOnlySpan<char> pan, Span<byte> encryptedBlock)
    {
        ArgumentNullException.ThrowIfNull(pinKey);
        Span<byte> clear = stackalloc byte[IsoFormat0PinBlock.Length];
        var error = IsoFormat0PinBlock.Build(pin, pan, clear);
        if (error != PinBlockError.None)
            throw new ArgumentException($"No PIN block can be made: {error}.", nameof(pin));
        pinKey.EncryptBlock(clear, encryptedBlock);
        clear.Clear();
    }

    public static string SecurityControlFor(DesCipher pinKey) =>
        pinKey.KeyLength == 8 ? SingleLengthSecurityControl : DoubleLengthSecurityControl;
}
