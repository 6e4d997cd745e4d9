using ActorSwitch.Iso8583;
using ActorSwitch.Security.Module;

namespace ActorSwitch.Switch.Pos;

/// <summary>Lets the codec's writer ask the security module for a MAC under a key handle.</summary>
public sealed class ModuleMacCalculator(ISecurityModule security, KeyHandle key, MacAlgorithm algorithm) : IMacCalculator
{
    public KeyHandle Key { get; } = key;

    public void ComputeMac(ReadOnlySpan<byte> macBlock, Span<byte> mac) => security.GenerateMac(Key, algorithm, macBlock, mac);

    public bool Verify(ReadOnlySpan<byte> macBlock, ReadOnlySpan<byte> mac) => security.VerifyMac(Key, algorithm, macBlock, mac);
}
