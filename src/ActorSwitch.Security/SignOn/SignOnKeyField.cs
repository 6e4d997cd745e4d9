using System.Security.Cryptography;
using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.SignOn;

/// <summary>
/// F62 of the sign-on answer: each working key encrypted under the terminal master key (TDES ECB) and
/// followed by its 4-byte check value (the clear key encrypting 8 zero bytes).
/// 001: PIK(8) KCV MAK(8) KCV. 003: PIK(16) KCV MAK slot(16) KCV. 004: 003 then TDK(16) KCV.
/// A single-length MAK fills its 16-byte slot with its 8 encrypted bytes then 8 zero bytes.
/// </summary>
public static class SignOnKeyField
{
    public const int CheckValueLength = 4;

    public static int LengthOf(SignOnKeyLayout layout) => layout switch
    {
        SignOnKeyLayout.SingleLength => 24,
        SignOnKeyLayout.DoubleLength => 40,
        SignOnKeyLayout.DoubleLengthWithTrackKey => 60,
        _ => throw new ArgumentOutOfRangeException(nameof(layout)),
    };

    /// <summary>Writes F62 and returns its length. <paramref name="tdk"/> is used only by layout 004.</summary>
    public static int Write(DesCipher terminalMasterKey, SignOnKeyLayout layout,
        ReadOnlySpan<byte> pik, ReadOnlySpan<byte> mak, ReadOnlySpan<byte> tdk, Span<byte> field)
    {
        var (pikLength, makSlot) = layout == SignOnKeyLayout.SingleLength ? (8, 8) : (16, 16);
        if (pik.Length != pikLength || mak.Length is not (8 or 16) || mak.Length > makSlot
            || (layout == SignOnKeyLayout.DoubleLengthWithTrackKey && tdk.Length != 16))
            throw new ArgumentException($"Key lengths do not fit layout {(int)layout:D3}.");

        var length = LengthOf(layout);
        field = field[..length];
        field.Clear();
        var position = WriteKey(terminalMasterKey, pik, field);
        position += WriteKeyInSlot(terminalMasterKey, mak, makSlot, field[position..]);
        if (layout == SignOnKeyLayout.DoubleLengthWithTrackKey)
            WriteKey(terminalMasterKey, tdk, field[position..]);
        return length;
    }

    /// <summary>
    /// The terminal's side: decrypts F62 with the terminal master key and checks every check value.
    /// <paramref name="mak"/> receives 8 bytes when the MAK slot's second half is zeros, otherwise 16.
    /// </summary>
    public static bool TryRead(DesCipher terminalMasterKey, SignOnKeyLayout layout, ReadOnlySpan<byte> field,
        out byte[] pik, out byte[] mak, out byte[] tdk)
    {
        pik = mak = tdk = [];
        if (field.Length != LengthOf(layout))
            return false;
        var (pikLength, makSlot) = layout == SignOnKeyLayout.SingleLength ? (8, 8) : (16, 16);

        var ok = TryReadKey(terminalMasterKey, field[..(pikLength + CheckValueLength)], pikLength, out pik);
        var makField = field.Slice(pikLength + CheckValueLength, makSlot + CheckValueLength);
        var makLength = makSlot == 16 && makField.Slice(8, 8).IndexOfAnyExcept((byte)0) < 0 ? 8 : makSlot;
        ok &= TryReadKey(terminalMasterKey, makField[..makLength], makField[^CheckValueLength..], out mak);
        if (layout == SignOnKeyLayout.DoubleLengthWithTrackKey)
            ok &= TryReadKey(terminalMasterKey, field[40..], 16, out tdk);
        return ok;
    }

    private static int WriteKey(DesCipher tmk, ReadOnlySpan<byte> key, Span<byte> destination) =>
        WriteKeyInSlot(tmk, key, key.Length, destination);

    private static int WriteKeyInSlot(DesCipher tmk, ReadOnlySpan<byte> key, int slot, Span<byte> destination)
    {
        tmk.EncryptEcb(key, destination);
        KeyCheckValue.ComputeDes(key, destination.Slice(slot, CheckValueLength));
        return slot + CheckValueLength;
    }

    private static bool TryReadKey(DesCipher tmk, ReadOnlySpan<byte> field, int keyLength, out byte[] key) =>
        TryReadKey(tmk, field[..keyLength], field.Slice(keyLength, CheckValueLength), out key);

    private static bool TryReadKey(DesCipher tmk, ReadOnlySpan<byte> encrypted, ReadOnlySpan<byte> checkValue, out byte[] key)
    {
        key = new byte[encrypted.Length];
        tmk.DecryptEcb(encrypted, key);
        Span<byte> expected = stackalloc byte[CheckValueLength];
        KeyCheckValue.ComputeDes(key, expected);
        return CryptographicOperations.FixedTimeEquals(expected, checkValue);
    }
}
