namespace ActorSwitch.Security.Pins;

/// <summary>Why a PIN block (or the PAN it is bound to) was refused; anything but <see cref="None"/> answers 99.</summary>
public enum PinBlockError
{
    None = 0,
    /// <summary>The block is not 8 bytes.</summary>
    WrongBlockLength,
    /// <summary>The first nibble is not 0 (ISO 9564 format 0).</summary>
    WrongFormat,
    /// <summary>The PIN length nibble is outside 4..12.</summary>
    PinLengthOutOfRange,
    /// <summary>A PIN nibble is not a decimal digit.</summary>
    PinNotNumeric,
    /// <summary>A nibble after the PIN is not the F fill.</summary>
    BadFill,
    /// <summary>The PAN has fewer than 2 digits, more than 19, or a non-digit.</summary>
    InvalidPan,
}
