using ActorSwitch.Iso8583;
using ActorSwitch.Security.Module;

namespace ActorSwitch.Central.Security;

/// <summary>
/// One issue of working keys to an institution: the zone PIN key and the zone MAC key, as handles of the
/// centre's security module. It also computes X9.19 MACs for the codec, without a closure per message.
/// </summary>
public sealed class ZoneKeyGeneration(ISecurityModule module, int number, KeyHandle pinKey, KeyHandle macKey, DateTimeOffset issuedAt)
    : IMacCalculator
{
    public int Number { get; } = number;
    public KeyHandle PinKey { get; } = pinKey;
    public KeyHandle MacKey { get; } = macKey;
    public DateTimeOffset IssuedAt { get; } = issuedAt;
    /// <summary>Set when a newer generation replaces this one: the end of its grace period.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public bool IsUsable(DateTimeOffset now) => ExpiresAt is not { } expiry || now < expiry;

    public bool Verify(ReadOnlySpan<byte> macBlock, ReadOnlySpan<byte> mac) =>
        module.VerifyMac(MacKey, MacAlgorithm.AnsiX919, macBlock, mac);

    public void ComputeMac(ReadOnlySpan<byte> macBlock, Span<byte> mac) =>
        module.GenerateMac(MacKey, MacAlgorithm.AnsiX919, macBlock, mac);
}
