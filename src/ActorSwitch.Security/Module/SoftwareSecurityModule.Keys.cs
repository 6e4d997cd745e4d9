using ActorSwitch.Security.KeyBlocks;

namespace ActorSwitch.Security.Module;

/// <summary>Key management: generation, component loading, TR-31 import and export, check values.</summary>
public sealed partial class SoftwareSecurityModule
{
    public KeyHandle GenerateKey(KeySpecification specification)
    {
        RequireConsistent(specification);
        var key = NewKey(specification.Algorithm, specification.Length);
        try
        {
            return Store(specification.ToHeader(KeyBlockVersion.D), key);
        }
        finally
        {
            Clear(key);
        }
    }

    public ComponentKeyLoad LoadKeyFromComponents(KeySpecification specification, IReadOnlyList<string> hexComponents)
    {
        RequireConsistent(specification);
        var key = ComponentCombiner.Combine(hexComponents, specification.Length,
            component => CheckValueOf(specification.Algorithm, component), out var componentCheckValues);
        try
        {
            var handle = Store(specification.ToHeader(KeyBlockVersion.D), key);
            return new ComponentKeyLoad(handle, CheckValueOf(specification.Algorithm, key), componentCheckValues);
        }
        finally
        {
            Clear(key);
        }
    }

    public KeyHandle LoadDemoKeyLoadingDeviceKbpk()
    {
        if (!developmentMode)
            throw new SecurityModuleException(SecurityFailure.DemoKeyOutsideDevelopment,
                "The demo key-loading-device KBPK is refused outside development mode.");
        var key = Convert.FromHexString(DemoKeys.KeyLoadingDeviceKbpk);
        try
        {
            var header = new KeyBlockHeader(KeyBlockVersion.D, KeyUsage.KeyBlockProtection, KeyAlgorithm.Aes, KeyModeOfUse.Both);
            return Store(header, key);
        }
        finally
        {
            Clear(key);
        }
    }

    public KeyHandle ImportKey(KeyHandle keyEncryptionKey, string keyBlock)
    {
        var kek = Use(keyEncryptionKey, KeyOperation.UnwrapKey);
        if (!Tr31KeyBlock.TryUnwrap(kek.Key, keyBlock, out var unwrapped, out var error))
            throw new SecurityModuleException(SecurityFailure.KeyBlockInvalid, $"The key block does not verify under the KEK ({error}).");
        try
        {
            return Store(unwrapped.Header, unwrapped.Key);
        }
        finally
        {
            Clear(unwrapped.Key);
        }
    }

    public string ExportKey(KeyHandle key, KeyHandle keyEncryptionKey, KeyBlockVersion? version = null)
    {
        var kek = Use(keyEncryptionKey, KeyOperation.WrapKey);
        var exported = Load(key);
        if (exported.Header.Exportability != KeyExportability.Exportable)
            throw new SecurityModuleException(SecurityFailure.KeyNotExportable,
                $"A key with exportability {(char)exported.Header.Exportability} cannot leave in a key block.");

        var kekIsAes = kek.Header.Algorithm == KeyAlgorithm.Aes;
        var chosen = version ?? (kekIsAes ? KeyBlockVersion.D : KeyBlockVersion.B);
        if (kekIsAes != (chosen == KeyBlockVersion.D))
            throw new SecurityModuleException(SecurityFailure.AlgorithmNotPermitted,
                $"A version {(char)chosen} block cannot be made under a {(char)kek.Header.Algorithm} KEK.");

        var header = exported.Header with { Version = chosen, OptionalBlocks = [] };
        return Tr31KeyBlock.Wrap(kek.Key, header, exported.Key, random);
    }

    public TerminalMasterKeyExport GenerateTerminalMasterKey(KeyHandle keyLoadingDeviceKbpk)
    {
        Use(keyLoadingDeviceKbpk, KeyOperation.WrapKey);
        return ExportTerminalMasterKey(GenerateKey(KeySpecification.TerminalMasterKey), keyLoadingDeviceKbpk);
    }

    public TerminalMasterKeyExport ExportTerminalMasterKey(KeyHandle terminalMasterKey, KeyHandle keyLoadingDeviceKbpk)
    {
        var kbpk = Use(keyLoadingDeviceKbpk, KeyOperation.WrapKey);
        if (kbpk.Header.Algorithm != KeyAlgorithm.Aes)
            throw new SecurityModuleException(SecurityFailure.AlgorithmNotPermitted, "The key-loading device's KBPK must be an AES key.");
        var tmk = Use(terminalMasterKey, KeyOperation.WrapKey);
        if (tmk.Header.Algorithm != KeyAlgorithm.Tdes)
            throw new SecurityModuleException(SecurityFailure.AlgorithmNotPermitted, "A terminal master key is a TDES key.");
        if (tmk.Header.Exportability != KeyExportability.Exportable)
            throw new SecurityModuleException(SecurityFailure.KeyNotExportable, "This terminal master key is not exportable.");

        // In the device the key must go no further: exportability N.
        var header = new KeyBlockHeader(KeyBlockVersion.D, KeyUsage.KeyEncryption, KeyAlgorithm.Tdes, KeyModeOfUse.Both);
        var block = Tr31KeyBlock.Wrap(kbpk.Key, header, tmk.Key, random);
        return new TerminalMasterKeyExport(terminalMasterKey, block, CheckValueOf(KeyAlgorithm.Tdes, tmk.Key));
    }

    public string CheckValue(KeyHandle key)
    {
        var loaded = Load(key);
        return CheckValueOf(loaded.Header.Algorithm, loaded.Key);
    }

    private static void RequireConsistent(KeySpecification specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        if (!specification.IsConsistent)
            throw new SecurityModuleException(SecurityFailure.InvalidKeySpecification,
                $"{specification.Length} bytes of algorithm {(char)specification.Algorithm} (usage {specification.Usage.Code}) is not a key the module makes.");
    }
}
