using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Module;

namespace ActorSwitch.Security.Tests.Module;

/// <summary>Modules and keys for the module tests.</summary>
internal static class TestModules
{
    /// <summary>A non-demo LMK, as two custodians would type it.</summary>
    public static readonly string[] LmkComponents =
    [
        "A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90",
        "0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0",
    ];

    public static SoftwareSecurityModule Production(IRandomSource? random = null) =>
        new(new SecurityModuleOptions { LmkComponents = LmkComponents, Random = random ?? SystemRandomSource.Instance });

    public static SoftwareSecurityModule Development(IRandomSource? random = null) =>
        new(SecurityModuleOptions.Development() with { Random = random ?? SystemRandomSource.Instance });

    /// <summary>Loads a known clear key as a key ceremony would: two components whose XOR is the key.</summary>
    public static KeyHandle Load(this ISecurityModule module, KeySpecification specification, string hexKey) =>
        module.LoadKeyFromComponents(specification, Split(hexKey)).Key;

    public static KeyHandle Load(this ISecurityModule module, KeyUsage usage, KeyAlgorithm algorithm, KeyModeOfUse mode, string hexKey,
        KeyExportability exportability = KeyExportability.NonExportable) =>
        module.Load(new KeySpecification(usage, algorithm, mode, hexKey.Length / 2, exportability), hexKey);

    public static string[] Split(string hexKey)
    {
        var key = Convert.FromHexString(hexKey);
        var first = Enumerable.Range(0, key.Length).Select(i => (byte)(0x5A + 7 * i)).ToArray();
        var second = key.Select((b, i) => (byte)(b ^ first[i])).ToArray();
        return [Convert.ToHexString(first), Convert.ToHexString(second)];
    }

    public static SecurityModuleException Refusal(Action action, SecurityFailure expected)
    {
        var refusal = Assert.Throws<SecurityModuleException>(action);
        Assert.Equal(expected, refusal.Reason);
        return refusal;
    }
}
