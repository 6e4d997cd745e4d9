using System.Security.Cryptography;
using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.KeyBlocks;

namespace ActorSwitch.Security.Module;

/// <summary>
/// The software security module. Keys at rest are TR-31 version D blocks under a KBPK derived from the LMK;
/// unwrapped keys live only in this object's cache and in handle memos it alone reads.
/// </summary>
/// <remarks>The operations are grouped by concern in the partial files SoftwareSecurityModule.*.cs.</remarks>
public sealed partial class SoftwareSecurityModule : ISecurityModule
{
    private readonly LocalMasterKey lmk;
    private readonly IRandomSource random;
    private readonly KeyCache cache;
    private readonly bool developmentMode;

    public SoftwareSecurityModule(SecurityModuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KeyCacheCapacity, 1);
        lmk = LocalMasterKey.FromComponents(options.LmkComponents);
        if (lmk.IsDemo && !options.DevelopmentMode)
            throw new SecurityModuleException(SecurityFailure.DemoKeyOutsideDevelopment,
                "The demo LMK is refused outside development mode.");
        random = options.Random;
        cache = new KeyCache(options.KeyCacheCapacity);
        developmentMode = options.DevelopmentMode;
    }

    public string LmkCheckValue => lmk.CheckValue;

    /// <summary>The LMK's component check values, for the custodians at start-up.</summary>
    public IReadOnlyList<string> LmkComponentCheckValues => lmk.ComponentCheckValues;

    public override string ToString() => $"SoftwareSecurityModule(LMK KCV {lmk.CheckValue})";

    /// <summary>Unwraps (or finds) the key of a handle and checks that it may perform <paramref name="operation"/>.</summary>
    private LoadedKey Use(KeyHandle handle, KeyOperation operation)
    {
        var key = Load(handle);
        KeyUsagePolicy.Require(key.Header, operation);
        return key;
    }

    private LoadedKey Load(KeyHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (handle.Loaded is { } memo && ReferenceEquals(memo.Owner, lmk))
            return memo;
        if (!cache.TryGet(handle.KeyBlock, out var cached) || cached is null)
        {
            if (!Tr31KeyBlock.TryUnwrap(lmk.KeyBlockProtectionKey, handle.KeyBlock, out var unwrapped, out var error))
                throw new SecurityModuleException(SecurityFailure.KeyBlockInvalid,
                    $"The key block does not verify under this LMK ({error}).");
            cached = new LoadedKey(lmk, unwrapped.Header, unwrapped.Key);
            cache.Add(handle.KeyBlock, cached);
        }

        handle.Loaded = cached;
        return cached;
    }

    /// <summary>Wraps a clear key under the LMK: the only way a handle is made.</summary>
    private KeyHandle Store(KeyBlockHeader header, ReadOnlySpan<byte> key)
    {
        var atRest = header with { Version = KeyBlockVersion.D };
        var block = Tr31KeyBlock.Wrap(lmk.KeyBlockProtectionKey, atRest, key, random);
        var handle = KeyHandle.FromKeyBlock(block);
        var loaded = new LoadedKey(lmk, handle.Header, key.ToArray());
        cache.Add(block, loaded);
        handle.Loaded = loaded;
        return handle;
    }

    private byte[] NewKey(KeyAlgorithm algorithm, int length)
    {
        var key = new byte[length];
        random.Fill(key);
        if (algorithm is KeyAlgorithm.Des or KeyAlgorithm.Tdes)
            SetOddParity(key);
        return key;
    }

    /// <summary>DES keys conventionally carry odd parity in each byte's low bit; the cipher ignores it.</summary>
    private static void SetOddParity(Span<byte> key)
    {
        for (var i = 0; i < key.Length; i++)
        {
            var high = key[i] & 0xFE;
            key[i] = (byte)(high | (System.Numerics.BitOperations.PopCount((uint)high) % 2 == 0 ? 1 : 0));
        }
    }

    private static string CheckValueOf(KeyAlgorithm algorithm, ReadOnlySpan<byte> key) =>
        algorithm == KeyAlgorithm.Aes ? KeyCheckValue.AesHex(key) : KeyCheckValue.DesHex(key);

    private static void Clear(byte[] key) => CryptographicOperations.ZeroMemory(key);
}
