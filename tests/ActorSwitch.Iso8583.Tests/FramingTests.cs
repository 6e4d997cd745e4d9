using System.Buffers;
using ActorSwitch.Iso8583.Tests.Support;

namespace ActorSwitch.Iso8583.Tests;

public class FramingTests
{
    private static (bool Ok, FrameError Error, ReadOnlySequence<byte> Remaining, byte[] Frame) Read(ReadOnlySequence<byte> buffer, Dialect dialect)
    {
        bool ok = FrameReader.TryReadFrame(ref buffer, dialect, out var frame, out var error);
        return (ok, error, buffer, frame.ToArray());
    }

    [Theory]
    [InlineData("0000", FrameError.ZeroLength)]
    [InlineData("0801", FrameError.TooLong)] // 2049 > 2048
    [InlineData("FFFF", FrameError.TooLong)]
    public void Pos_length_prefix_errors_come_before_waiting_for_data(string prefixHex, FrameError expected)
    {
        var (ok, error, rest, _) = Read(new ReadOnlySequence<byte>(Convert.FromHexString(prefixHex + "60")), Dialects.UnionPayPos);
        Assert.False(ok);
        Assert.Equal(expected, error);
        Assert.Equal(3, rest.Length); // untouched
    }

    [Theory]
    [InlineData("0000", FrameError.ZeroLength)]
    [InlineData("9999", FrameError.TooLong)]
    [InlineData("12a4", FrameError.BadLengthPrefix)]
    [InlineData("-001", FrameError.BadLengthPrefix)]
    [InlineData(" 012", FrameError.BadLengthPrefix)]
    public void Central_length_prefix_errors(string prefix, FrameError expected)
    {
        var (ok, error, _, _) = Read(new ReadOnlySequence<byte>(System.Text.Encoding.ASCII.GetBytes(prefix)), Dialects.CentralHost);
        Assert.False(ok);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Maximum_length_is_accepted()
    {
        byte[] data = new byte[2 + 2048];
        data[0] = 0x08;
        var (ok, error, rest, frame) = Read(new ReadOnlySequence<byte>(data), Dialects.UnionPayPos);
        Assert.True(ok);
        Assert.Equal(FrameError.None, error);
        Assert.Equal(2048, frame.Length);
        Assert.True(rest.IsEmpty);
    }

    [Fact]
    public void Every_prefix_of_a_frame_is_incomplete_without_error()
    {
        byte[] bytes = Vectors.D.Bytes;
        for (int length = 0; length < bytes.Length; length++)
        {
            var (ok, error, rest, _) = Read(new ReadOnlySequence<byte>(bytes, 0, length), Dialects.UnionPayPos);
            Assert.False(ok);
            Assert.Equal(FrameError.None, error);
            Assert.Equal(length, rest.Length);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void Back_to_back_frames_across_segments(int segmentSize)
    {
        byte[] stream = [.. Vectors.B.Bytes, .. Vectors.D.Bytes, 0x00];
        var buffer = Segments.Split(stream, segmentSize);
        Assert.True(FrameReader.TryReadFrame(ref buffer, Dialects.UnionPayPos, out var first, out _));
        Assert.Equal(Vectors.B.Payload, first.ToArray());
        Assert.True(FrameReader.TryReadFrame(ref buffer, Dialects.UnionPayPos, out var second, out _));
        Assert.Equal(Vectors.D.Payload, second.ToArray());
        Assert.False(FrameReader.TryReadFrame(ref buffer, Dialects.UnionPayPos, out _, out var error));
        Assert.Equal(FrameError.None, error);
        Assert.Equal(1, buffer.Length);

        // The split frame parses to the same message as the contiguous one.
        var split = new IsoMessage(Dialects.UnionPayPos);
        var whole = new IsoMessage(Dialects.UnionPayPos);
        Assert.True(IsoReader.TryParse(second, split, out _));
        Assert.True(IsoReader.TryParse(Vectors.D.Payload, whole, out _));
        Assert.Equal(Written(whole), Written(split));
        Assert.Equal(whole.ReceivedMacBlock.ToArray(), split.ReceivedMacBlock.ToArray());
    }

    [Fact]
    public void Central_frames_use_a_four_digit_ascii_length()
    {
        var message = new IsoMessage(Dialects.CentralHost);
        message.SetMti(800);
        message.SetNumber(11, 42);
        byte[] bytes = Written(message);
        Assert.Equal("0018" + "0800", System.Text.Encoding.ASCII.GetString(bytes, 0, 8));
        var buffer = Segments.Split(bytes, 1);
        Assert.True(FrameReader.TryReadFrame(ref buffer, Dialects.CentralHost, out var frame, out _));
        Assert.Equal(18, frame.Length);
    }

    [Fact]
    public void Tpdu_and_header_write_what_they_read()
    {
        var header = new PosHeader(61, 31, 0, 0, 123456);
        Assert.Equal(61, header.ApplicationType);
        Assert.Equal(31, header.SoftwareVersion);
        Assert.Equal(123456, header.SubVersion);
        var asked = header.WithProcessingRequirement(3);
        Assert.Equal(3, asked.ProcessingRequirement);
        Assert.Equal(0, asked.TerminalStatus);
        Span<byte> bytes = stackalloc byte[PosHeader.Size];
        asked.WriteTo(bytes);
        Assert.Equal("613103123456", Convert.ToHexString(bytes));
        Assert.Equal(asked, PosHeader.Read(bytes));

        var odd = PosHeader.Read(Convert.FromHexString("6A2200000000"));
        Assert.False(odd.IsBcd);
        odd.WriteTo(bytes);
        Assert.Equal("6A2200000000", Convert.ToHexString(bytes)); // echoed exactly

        Span<byte> tpdu = stackalloc byte[Tpdu.Size];
        new Tpdu(0x60, 0x1234, 0xABCD).ToResponse().WriteTo(tpdu);
        Assert.Equal("60ABCD1234", Convert.ToHexString(tpdu));
    }

    private static byte[] Written(IsoMessage message)
    {
        var output = new ArrayBufferWriter<byte>();
        IsoWriter.Write(message, output);
        return output.WrittenSpan.ToArray();
    }
}
