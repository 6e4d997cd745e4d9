using System.Security.Cryptography;
using System.Text;

namespace ActorSwitch.Security.Module;

/// <summary>Stored card numbers: AES-GCM encryption for storage, HMAC tokens for look-ups.</summary>
public sealed partial class SoftwareSecurityModule
{
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int TokenLength = 16;

    public string EncryptPan(KeyHandle dataKey, ReadOnlySpan<char> pan)
    {
        var key = Use(dataKey, KeyOperation.EncryptData);
        RequirePan(pan);
        Span<byte> plain = stackalloc byte[pan.Length];
        Encoding.ASCII.GetBytes(pan, plain);
        var stored = new byte[NonceLength + pan.Length + TagLength];
        var nonce = stored.AsSpan(0, NonceLength);
        random.Fill(nonce);
        using (var gcm = new AesGcm(key.Key, TagLength))
            gcm.Encrypt(nonce, plain, stored.AsSpan(NonceLength, pan.Length), stored.AsSpan(NonceLength + pan.Length));
        plain.Clear();
        return Convert.ToBase64String(stored);
    }

    public string DecryptStoredPan(KeyHandle dataKey, string storedPan)
    {
        var key = Use(dataKey, KeyOperation.DecryptData);
        var stored = new byte[(storedPan?.Length ?? 0) * 3 / 4];
        if (storedPan is null || !Convert.TryFromBase64String(storedPan, stored, out var length)
            || length - NonceLength - TagLength is < 12 or > 19)
            throw new SecurityModuleException(SecurityFailure.InvalidInput, "Not a stored PAN.");

        var panLength = length - NonceLength - TagLength;
        Span<byte> plain = stackalloc byte[panLength];
        try
        {
            using var gcm = new AesGcm(key.Key, TagLength);
            gcm.Decrypt(stored.AsSpan(0, NonceLength), stored.AsSpan(NonceLength, panLength),
                stored.AsSpan(NonceLength + panLength, TagLength), plain);
            return Encoding.ASCII.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecurityModuleException(SecurityFailure.InvalidInput, "The stored PAN does not verify under this data key.");
        }
        finally
        {
            plain.Clear();
        }
    }

    public string TokenizePan(KeyHandle dataKey, ReadOnlySpan<char> pan)
    {
        var key = Use(dataKey, KeyOperation.TokenizeData);
        RequirePan(pan);
        Span<byte> plain = stackalloc byte[pan.Length];
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Encoding.ASCII.GetBytes(pan, plain);
        HMACSHA256.HashData(key.TokenKey, plain, mac);
        plain.Clear();
        return Convert.ToHexString(mac[..TokenLength]);
    }

    private static void RequirePan(ReadOnlySpan<char> pan)
    {
        if (pan.Length is < 12 or > 19 || pan.ContainsAnyExceptInRange('0', '9'))
            throw new SecurityModuleException(SecurityFailure.InvalidInput, "A PAN is 12 to 19 digits.");
    }
}
