using System.Security.Cryptography;
using System.Text;
using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Macs;

namespace ActorSwitch.Security.Module;

/// <summary>
/// A verified, unwrapped key inside the module, with its cipher engines built on first use and kept
/// (key schedule once). Lazily built members may race on first use; both results are equivalent, so the
/// race is harmless and no lock sits on the hot path.
/// </summary>
internal sealed class LoadedKey(LocalMasterKey owner, KeyBlockHeader header, byte[] key)
{
    private static readonly byte[] TokenKeyLabel = Encoding.ASCII.GetBytes("ActorSwitch PAN token key");

    private DesCipher? des;
    private IMessageAuthenticator? unionPayMac;
    private IMessageAuthenticator? x99Mac;
    private IMessageAuthenticator? x919Mac;
    private byte[]? tokenKey;

    /// <summary>The LMK the key was unwrapped under: a handle memo from another module instance is ignored.</summary>
    public LocalMasterKey Owner { get; } = owner;

    public KeyBlockHeader Header { get; } = header;

    public ReadOnlySpan<byte> Key => key;

    public DesCipher Des => des ??= new DesCipher(key);

    public IMessageAuthenticator UnionPayMac => unionPayMac ??= new UnionPayEcbMac(Des);

    public IMessageAuthenticator X99Mac => x99Mac ??= new AnsiX99Mac(key);

    public IMessageAuthenticator X919Mac => x919Mac ??= new AnsiX919Mac(key);

    /// <summary>HMAC key for PAN tokens, derived so that the AES data key's bytes never also key HMAC.</summary>
    public ReadOnlySpan<byte> TokenKey => tokenKey ??= HMACSHA256.HashData(key, TokenKeyLabel);

    public override string ToString() => $"LoadedKey({Header.Usage.Code})";
}
