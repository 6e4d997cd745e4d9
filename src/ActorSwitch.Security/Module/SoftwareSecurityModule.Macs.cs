using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Macs;

namespace ActorSwitch.Security.Module;

/// <summary>MAC generation and verification.</summary>
public sealed partial class SoftwareSecurityModule
{
    public int GenerateMac(KeyHandle macKey, MacAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        var authenticator = Authenticator(Use(macKey, KeyOperation.GenerateMac), algorithm);
        authenticator.Compute(data, mac);
        return authenticator.MacLength;
    }

    public bool VerifyMac(KeyHandle macKey, MacAlgorithm algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac) =>
        Authenticator(Use(macKey, KeyOperation.VerifyMac), algorithm).Verify(data, mac);

    /// <summary>The algorithm must match the key: M1 single-DES or TDES for alg-1 style MACs, M3 TDES for X9.19.</summary>
    private static IMessageAuthenticator Authenticator(LoadedKey key, MacAlgorithm algorithm)
    {
        var (usage, fits) = algorithm switch
        {
            MacAlgorithm.UnionPayEcb => (KeyUsage.MacIso9797Algorithm1, true),
            MacAlgorithm.AnsiX99 => (KeyUsage.MacIso9797Algorithm1, key.Header.Algorithm == KeyAlgorithm.Des),
            MacAlgorithm.AnsiX919 => (KeyUsage.MacIso9797Algorithm3, key.Header.Algorithm == KeyAlgorithm.Tdes),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
        if (key.Header.Usage != usage)
            throw new SecurityModuleException(SecurityFailure.KeyUsageNotPermitted,
                $"A {key.Header.Usage.Code} key cannot compute the {algorithm} MAC (it needs {usage.Code}).");
        if (!fits)
            throw new SecurityModuleException(SecurityFailure.AlgorithmNotPermitted,
                $"A key of algorithm {(char)key.Header.Algorithm} cannot compute the {algorithm} MAC.");

        return algorithm switch
        {
            MacAlgorithm.UnionPayEcb => key.UnionPayMac,
            MacAlgorithm.AnsiX99 => key.X99Mac,
            _ => key.X919Mac,
        };
    }
}
