using System.Buffers;
using ActorSwitch.Iso8583.Tests.Support;
using CsCheck;

namespace ActorSwitch.Iso8583.Tests;

/// <summary>Arbitrary input never throws; whatever parses re-encodes to something that parses the same.</summary>
public class RobustnessProperties
{
    private static void ParseAnything(Dialect dialect, byte[] bytes)
    {
        var message = new IsoMessage(dialect);
        if (!IsoReader.TryParse(bytes, message, out var error))
        {
            Assert.NotEqual(IsoErrorKind.None, error.Kind);
            Assert.InRange(error.Offset, 0, bytes.Length);
            return;
        }
        var output = new ArrayBufferWriter<byte>();
        IsoWriter.Write(message, output);
        var again = new IsoMessage(dialect);
        Assert.True(IsoReader.TryParse(output.WrittenSpan[dialect.LengthPrefixSize..], again, out var second), second.ToString());
        for (int f = 2; f <= 128; f++) Assert.Equal(message.GetAscii(f), again.GetAscii(f));
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            ParseAnything(Dialects.UnionPayPos, bytes);
            ParseAnything(Dialects.CentralHost, bytes);
            var buffer = new ReadOnlySequence<byte>(bytes);
            while (FrameReader.TryReadFrame(ref buffer, Dialects.UnionPayPos, out var frame, out _))
                Assert.InRange(frame.Length, 1, Dialects.UnionPayPos.MaxFrameLength);
        }, iter: 5000);
    }

    [Fact]
    public void Random_bytes_after_a_valid_pos_header_never_throw()
    {
        // Reaches the field reader far more often than fully random bytes.
        var prefix = Convert.FromHexString(Frames.PosPrefix);
        Gen.Byte.Array[0, 200].Sample(tail => ParseAnything(Dialects.UnionPayPos, [.. prefix, .. tail]), iter: 5000);
    }

    [Fact]
    public void Mutations_of_D_never_throw()
    {
        byte[] d = Vectors.D.Payload;
        Gen.Select(Gen.Int[0, d.Length - 1], Gen.Byte, Gen.Int[0, d.Length]).Sample((index, value, cut) =>
        {
            byte[] mutated = d[..cut];
            if (index < mutated.Length) mutated[index] = value;
            ParseAnything(Dialects.UnionPayPos, mutated);
        }, iter: 5000);
    }
}
