using System.Security.Cryptography;
using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.SignOn;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// The working keys of one sign-on: the PIN key (PIK) and the MAC key (MAK); the track data key of layout
/// 004 is checked but not kept, since this terminal never encrypts track data (the switch answers 40 to it).
/// </summary>
public sealed class WorkingKeys
{
    private WorkingKeys(SignOnKeyLayout layout, DesCipher pinKey, TerminalMac mac)
    {
        Layout = layout;
        PinKey = pinKey;
        Mac = mac;
    }

    public SignOnKeyLayout Layout { get; }

    public TerminalMac Mac { get; }

    /// <summary>False for the legacy single-DES PIK of layout 001.</summary>
    public bool IsDoubleLengthPinKey => PinKey.KeyLength != 8;

    internal DesCipher PinKey { get; }

    /// <summary>Working keys given in clear (tests).</summary>
    public static WorkingKeys FromClear(ReadOnlySpan<byte> pik, ReadOnlySpan<byte> mak, SignOnKeyLayout layout = SignOnKeyLayout.DoubleLength)
    {
        if (pik.Length is not (8 or 16))
            throw new ArgumentException("A PIK is 8 or 16 bytes.", nameof(pik));
        return new WorkingKeys(layout, new DesCipher(pik), new TerminalMac(mak));
    }

    /// <summary>
    /// Decrypts F62 of a sign-on answer with the terminal master key and checks every check value.
    /// <paramref name="doubleLengthMacKey"/> is the terminal's configuration (layouts 003 and 004 only):
    /// a MAK of the other length is refused.
    /// </summary>
    public static SignOnKeyStatus TryDecode(TerminalMasterKey masterKey, SignOnKeyLayout layout, ReadOnlySpan<byte> field62,
        bool doubleLengthMacKey, out WorkingKeys? keys)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        keys = null;
        if (field62.Length != SignOnKeyField.LengthOf(layout))
            return SignOnKeyStatus.Field62WrongLength;
        if (!SignOnKeyField.TryRead(masterKey.Cipher, layout, field62, out var pik, out var mak, out var tdk))
        {
            Clear(pik, mak, tdk);
            return SignOnKeyStatus.CheckValueMismatch;
        }

        try
        {
            var expectedMakLength = layout != SignOnKeyLayout.SingleLength && doubleLengthMacKey ? 16 : 8;
            if (mak.Length != expectedMakLength)
                return SignOnKeyStatus.MacKeyLengthMismatch;
            keys = FromClear(pik, mak, layout);
            return SignOnKeyStatus.Installed;
        }
        finally
        {
            Clear(pik, mak, tdk);
        }
    }

    private static void Clear(params byte[][] keys)
    {
        foreach (var key in keys)
            CryptographicOperations.ZeroMemory(key);
    }
}
