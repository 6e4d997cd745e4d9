using System.Buffers;
using ActorSwitch.Iso8583;

namespace ActorSwitch.Central.Network;

/// <summary>An encoded answer (length prefix included) in a pooled buffer, owned by whoever holds it
/// until it is written or discarded.</summary>
public readonly record struct OutboundFrame(byte[] Buffer, int Length)
{
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    /// <summary>Encodes <paramref name="message"/>, with an X9.19 MAC when <paramref name="mac"/> is given.</summary>
    public static OutboundFrame Encode(IsoMessage message, IMacCalculator? mac)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(IsoWriter.GetFrameSize(message, withMac: mac is not null));
        var length = mac is null ? IsoWriter.Write(message, buffer.AsSpan()) : IsoWriter.Write(message, buffer.AsSpan(), mac);
        return new OutboundFrame(buffer, length);
    }

    public void Release() => ArrayPool<byte>.Shared.Return(Buffer);
}
