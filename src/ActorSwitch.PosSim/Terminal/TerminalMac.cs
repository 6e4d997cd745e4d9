using ActorSwitch.Iso8583;
using ActorSwitch.Security.Macs;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// The terminal's MAC (F64): the UnionPay ECB MAC under the MAK, plugged into the writer as an
/// <see cref="IMacCalculator"/> (no closure per message) and used to verify answers on their received bytes.
/// A single-length MAK (8 bytes) means single DES, a double-length one (16 bytes) TDES.
/// </summary>
public sealed class TerminalMac : IMacCalculator
{
    private readonly UnionPayEcbMac _mac;

    public TerminalMac(ReadOnlySpan<byte> mak)
    {
        if (mak.Length is not (8 or 16))
            throw new ArgumentException("A MAK is 8 (single-length) or 16 (double-length) bytes.", nameof(mak));
        _mac = new UnionPayEcbMac(mak);
        IsDoubleLength = mak.Length == 16;
    }

    public bool IsDoubleLength { get; }

    public void ComputeMac(ReadOnlySpan<byte> macBlock, Span<byte> mac) => _mac.Compute(macBlock, mac);

    /// <summary>Checks the MAC of a parsed message on the exact bytes received.</summary>
    public MacStatus Verify(IsoMessage received)
    {
        ArgumentNullException.ThrowIfNull(received);
        var mac = received.ReceivedMac;
        if (mac.IsEmpty)
            return MacStatus.Absent;
        return _mac.Verify(received.ReceivedMacBlock, mac) ? MacStatus.Valid : MacStatus.Invalid;
    }
}
