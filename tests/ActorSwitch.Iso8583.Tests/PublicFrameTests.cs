using System.Buffers;
using System.Text.Json;
using ActorSwitch.Iso8583.Tests.Support;

namespace ActorSwitch.Iso8583.Tests;

/// <summary>The three public frames decode to exactly their listed fields and re-encode as specified.</summary>
public class PublicFrameTests
{
    public static TheoryData<string> FrameNames => new() { "A", "B", "D" };

    private static VectorFrame Frame(string name) => name switch
    {
        "A" => Vectors.A,
        "B" => Vectors.B,
        _ => Vectors.D,
    };

    private static IsoMessage Parse(VectorFrame frame)
    {
        var buffer = new ReadOnlySequence<byte>(frame.Bytes);
        Assert.True(FrameReader.TryReadFrame(ref buffer, Dialects.UnionPayPos, out var payload, out var frameError));
        Assert.Equal(FrameError.None, frameError);
        Assert.True(buffer.IsEmpty);
        var message = new IsoMessage(Dialects.UnionPayPos);
        Assert.True(IsoReader.TryParse(payload, message, out var error), error.ToString());
        return message;
    }

    [Theory]
    [MemberData(nameof(FrameNames))]
    public void Decodes_exactly_the_listed_fields(string name)
    {
        var frame = Frame(name);
        var message = Parse(frame);

        Assert.Equal(int.Parse(frame.Mti), message.Mti);
        var expected = new SortedSet<int>();
        foreach (var (key, value) in frame.Fields)
        {
            string[] parts = key.Split('_');
            int field = int.Parse(parts[0]);
            expected.Add(field);
            Assert.True(message.Has(field), $"F{field} missing");
            switch (parts.Length == 1 ? "value" : string.Join('_', parts[1..]))
            {
                case "value":
                    Assert.Equal(value.GetString(), message.GetAscii(field));
                    break;
                case "len":
                case "ascii_len":
                    Assert.Equal(value.GetInt32(), message.GetLength(field));
                    Assert.Equal(value.GetInt32(), message.GetBytes(field).Length);
                    break;
                case "ascii":
                    Assert.Equal(value.GetString(), message.GetAscii(field));
                    break;
                default:
                    Assert.Fail($"unknown vector key {key}");
                    break;
            }
        }

        var actual = new SortedSet<int>();
        for (int f = message.NextField(1); f > 0; f = message.NextField(f)) actual.Add(f);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("B")]
    [InlineData("D")]
    public void Reencodes_byte_for_byte(string name)
    {
        var frame = Frame(name);
        var message = Parse(frame);
        var output = new ArrayBufferWriter<byte>();
        int written = IsoWriter.Write(message, output);
        Assert.Equal(frame.Bytes.Length, written);
        Assert.Equal(Convert.ToHexString(frame.Bytes), Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void A_reads_its_right_aligned_F60_and_reencodes_it_left_aligned()
    {
        var frame = Vectors.A;
        var message = Parse(frame);
        Assert.Equal("000000172003", Convert.ToHexString(message.GetBytes(60))); // as received
        Assert.True(Field60.TryRead(message, out var f60));
        Assert.Equal(new Field60(0, 172, 3, -1, -1), f60);

        var output = new ArrayBufferWriter<byte>();
        IsoWriter.Write(message, output);
        byte[] canonical = output.WrittenSpan.ToArray();
        // Only F60's data changes: 00000172003 left-aligned with pad 0.
        string expectedHex = Convert.ToHexString(frame.Bytes).Replace("0011000000172003", "0011000001720030");
        Assert.Equal(expectedHex, Convert.ToHexString(canonical));

        var again = new IsoMessage(Dialects.UnionPayPos);
        Assert.True(IsoReader.TryParse(canonical.AsSpan(2), again, out _));
        for (int f = message.NextField(1); f > 0; f = message.NextField(f))
            Assert.Equal(message.GetAscii(f), again.GetAscii(f));
        Assert.Equal(message.Mti, again.Mti);
        Assert.Equal(message.Tpdu, again.Tpdu);
        Assert.Equal(message.Header, again.Header);
    }

    [Fact]
    public void D_typed_values()
    {
        var message = Parse(Vectors.D);
        Assert.True(message.TryGetUInt64(4, out ulong amount));
        Assert.Equal(1234UL, amount);
        Assert.True(message.TryGetInt64(11, out long trace));
        Assert.Equal(2L, trace);
        Assert.Equal("0300", Convert.ToHexString(message.GetBytes(22))); // left-aligned n3
        Span<char> digits = stackalloc char[3];
        Assert.True(message.TryGetDigits(22, digits, out int written));
        Assert.Equal("030", digits[..written].ToString());
        Assert.Equal(new Tpdu(0x60, 0x0003, 0x0000), message.Tpdu);
        Assert.Equal(new Tpdu(0x60, 0x0000, 0x0003), message.Tpdu.ToResponse());
        Assert.Equal(60, message.Header.ApplicationType);
        Assert.Equal(32, message.Header.SoftwareVersion);
        Assert.Equal(1, message.Header.TerminalStatus);
        Assert.Equal(0, message.Header.ProcessingRequirement);
        Assert.Equal(320072, message.Header.SubVersion);
        Assert.True(message.Header.IsBcd);
        Assert.True(Field60.TryRead(message, out var f60));
        Assert.Equal(new Field60(26, 1, 0, 6, 0), f60);
        Assert.False(message.TryGetUInt64(41, out _)); // ans, not a number
    }

    [Fact]
    public void D_mac_block_is_exactly_the_received_bytes_and_verifies()
    {
        var frame = Vectors.D;
        var message = Parse(frame);
        var block = message.ReceivedMacBlock;
        Assert.Equal(frame.Payload.AsSpan(11, frame.Payload.Length - 11 - 8).ToArray(), block.ToArray());
        Assert.Equal("B3A092AE", System.Text.Encoding.ASCII.GetString(message.ReceivedMac));

        Span<byte> mac = stackalloc byte[8];
        UnionPayMac.Compute(Vectors.MakOfD, block, mac);
        Assert.Equal(message.ReceivedMac.ToArray(), mac.ToArray());
    }

    [Fact]
    public void Writing_D_with_the_MAC_callback_reproduces_D()
    {
        var message = Parse(Vectors.D);
        var output = new ArrayBufferWriter<byte>();
        IsoWriter.Write(message, output, UnionPayMac.With(Vectors.MakOfD));
        Assert.Equal(Convert.ToHexString(Vectors.D.Bytes), Convert.ToHexString(output.WrittenSpan));

        message.Remove(64); // the writer adds bit 64 itself when asked for a MAC
        output.ResetWrittenCount();
        IsoWriter.Write(message, output, UnionPayMac.With(Vectors.MakOfD));
        Assert.Equal(Convert.ToHexString(Vectors.D.Bytes), Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void B_has_no_mac_block()
    {
        var message = Parse(Vectors.B);
        Assert.True(message.ReceivedMacBlock.IsEmpty);
        Assert.True(message.ReceivedMac.IsEmpty);
        Assert.Equal(40, message.GetBytes(62).Length);
    }

    [Fact]
    public void Reused_message_parses_without_allocating()
    {
        var payload = new ReadOnlySequence<byte>(Vectors.D.Payload);
        var message = new IsoMessage(Dialects.UnionPayPos);
        var output = new ArrayBufferWriter<byte>(4096);
        for (int i = 0; i < 10; i++)
        {
            IsoReader.TryParse(payload, message, out _);
            output.ResetWrittenCount();
            IsoWriter.Write(message, output);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) IsoReader.TryParse(payload, message, out _);
        long parse = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            output.ResetWrittenCount();
            IsoWriter.Write(message, output);
        }
        long write = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, parse);
        Assert.Equal(0, write);
        Assert.True(IsoReader.TryParse(payload, message, out _));
    }
}
