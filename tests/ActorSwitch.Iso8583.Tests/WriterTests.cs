using System.Buffers;
using ActorSwitch.Iso8583.Tests.Support;

namespace ActorSwitch.Iso8583.Tests;

public class WriterTests
{
    private static byte[] Written(IsoMessage message, MacCalculator? mac = null)
    {
        var output = new ArrayBufferWriter<byte>();
        int n = IsoWriter.Write(message, output, mac);
        Assert.Equal(n, output.WrittenCount);
        Assert.Equal(IsoWriter.GetFrameSize(message, mac is not null), n);
        return output.WrittenSpan.ToArray();
    }

    [Fact]
    public void Building_B_from_its_values_gives_B()
    {
        var b = new IsoMessage(Dialects.UnionPayPos);
        Assert.True(IsoReader.TryParse(Vectors.B.Payload, b, out _));

        var m = new IsoMessage(Dialects.UnionPayPos);
        m.Tpdu = new Tpdu(0x60, 0, 0);
        m.Header = new PosHeader(60, 22, 0, 0, 0);
        m.SetMti(810);
        m.SetNumber(11, 172);
        m.SetDigits(12, "100141");
        m.SetDigits(13, "0510");
        m.SetDigits(32, "03099988");
        m.SetAscii(37, "051000000203");
        m.SetAscii(39, "00");
        m.SetAscii(41, "50080001");
        m.SetAscii(42, "309310083985008");
        m.SetDigits(60, "00000042003");
        m.SetBinary(62, b.GetBytes(62));
        Assert.Equal(Convert.ToHexString(Vectors.B.Bytes), Convert.ToHexString(Written(m)));
    }

    [Fact]
    public void Fixed_fields_are_aligned_and_padded_as_the_table_says()
    {
        var m = new IsoMessage(Dialects.UnionPayPos);
        m.SetNumber(4, 1234);
        m.SetDigits(22, "021");
        m.SetDigits(23, "001");
        m.SetAscii(41, "123");
        m.SetDigits(2, "6222021234567890123");
        Assert.Equal("000000001234", Convert.ToHexString(m.GetBytes(4)));
        Assert.Equal("0210", Convert.ToHexString(m.GetBytes(22)));
        Assert.Equal("0001", Convert.ToHexString(m.GetBytes(23)));
        Assert.Equal("123     ", m.GetAscii(41));
        Assert.Equal("62220212345678901230", Convert.ToHexString(m.GetBytes(2)));
        Assert.Equal(19, m.GetLength(2));
        Assert.True(m.TryGetUInt64(4, out ulong amount));
        Assert.Equal(1234UL, amount);
        Assert.Equal("001", m.GetAscii(23));
        Assert.True(m.TryGetUInt64(23, out ulong sequence));
        Assert.Equal(1UL, sequence);
        Assert.True(m.TryGetUInt64(2, out ulong pan));
        Assert.Equal(6222021234567890123UL, pan);
    }

    [Fact]
    public void Setters_refuse_values_the_table_does_not_allow()
    {
        var m = new IsoMessage(Dialects.UnionPayPos);
        Assert.Throws<ArgumentException>(() => m.SetDigits(3, "12345"));
        Assert.Throws<ArgumentException>(() => m.SetDigits(3, "12345A"));
        Assert.Throws<ArgumentException>(() => m.SetDigits(2, "12345678901234567890"));
        Assert.Throws<ArgumentException>(() => m.SetDigits(2, "1234=5")); // '=' only in z
        Assert.Throws<ArgumentException>(() => m.SetDigits(5, "1"));
        Assert.Throws<ArgumentException>(() => m.SetDigits(90, "1"));
        Assert.Throws<ArgumentException>(() => m.SetBinary(52, new byte[7]));
        Assert.Throws<ArgumentException>(() => m.SetBinary(3, new byte[3]));
        Assert.Throws<ArgumentException>(() => m.SetAscii(41, "123456789"));
        Assert.Throws<ArgumentException>(() => m.SetAscii(63, "\u4E2D"));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.SetNumber(3, 1_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.SetMti(10000));
        Assert.Throws<InvalidOperationException>(() => IsoWriter.GetFrameSize(m)); // no MTI yet
        Assert.Equal(-1, m.NextField(1));
    }

    [Fact]
    public void Remove_copy_and_overwrite()
    {
        var d = new IsoMessage(Dialects.UnionPayPos);
        Assert.True(IsoReader.TryParse(Vectors.D.Payload, d, out _));
        var answer = new IsoMessage(Dialects.UnionPayPos);
        answer.SetMti(210);
        answer.Tpdu = d.Tpdu.ToResponse();
        answer.Header = d.Header;
        foreach (int f in new[] { 3, 4, 11, 41, 42, 49, 60, 2 }) answer.CopyFrom(d, f);
        answer.SetAscii(39, "00");
        Assert.False(answer.Has(2));
        Assert.Equal(d.GetAscii(60), answer.GetAscii(60));

        var parsed = new IsoMessage(Dialects.UnionPayPos);
        Assert.True(IsoReader.TryParse(Written(answer).AsSpan(2), parsed, out _));
        Assert.Equal(new[] { 3, 4, 11, 39, 41, 42, 49, 60 }, Fields(parsed));
        Assert.Equal(new Tpdu(0x60, 0, 3), parsed.Tpdu);

        // Changing the parsed D keeps its received MAC block intact.
        byte[] block = d.ReceivedMacBlock.ToArray();
        d.Remove(62);
        d.SetNumber(4, 99);
        d.SetNumber(4, 100);
        Assert.Equal(block, d.ReceivedMacBlock.ToArray());
        Assert.True(d.TryGetUInt64(4, out ulong amount));
        Assert.Equal(100UL, amount);
        Assert.True(IsoReader.TryParse(Written(d).AsSpan(2), parsed, out _));
        Assert.False(parsed.Has(62));
        Assert.Equal("000000000100", parsed.GetAscii(4));

        Assert.Throws<ArgumentException>(() => new IsoMessage(Dialects.CentralHost).CopyFrom(d, 4));
    }

    [Fact]
    public void Many_setters_grow_the_buffer_without_losing_values()
    {
        var m = new IsoMessage(Dialects.UnionPayPos);
        m.SetMti(200);
        var payload = new byte[512];
        for (int i = 0; i < 20; i++)
        {
            payload[0] = (byte)i;
            m.SetBinary(62, payload);
        }
        m.SetNumber(11, 7);
        Assert.Equal(19, m.GetBytes(62)[0]);
        Assert.Equal("000007", m.GetAscii(11));
    }

    [Fact]
    public void The_mac_calculator_gets_the_block_with_bit_64_set()
    {
        var m = new IsoMessage(Dialects.UnionPayPos);
        m.SetMti(200);
        m.SetNumber(11, 5);
        byte[]? seen = null;
        byte[] bytes = Written(m, (block, mac) =>
        {
            seen = block.ToArray();
            "ABCDEFGH"u8.CopyTo(mac);
        });
        // MTI 0200, bitmap with bits 11 and 64, F11.
        Assert.Equal("0200" + "0020000000000001" + "000005", Convert.ToHexString(seen!));
        Assert.Equal("ABCDEFGH", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 8));
        Assert.False(m.Has(64)); // the message itself is not changed

        var parsed = new IsoMessage(Dialects.UnionPayPos);
        Assert.True(IsoReader.TryParse(bytes.AsSpan(2), parsed, out _));
        Assert.Equal(seen, parsed.ReceivedMacBlock.ToArray());
        Assert.Equal("ABCDEFGH", parsed.GetAscii(64));
    }

    [Fact]
    public void Central_mac_goes_in_128_when_the_secondary_bitmap_is_used()
    {
        var m = new IsoMessage(Dialects.CentralHost);
        m.SetMti(420);
        m.SetNumber(7, 1231235959);
        m.SetDigits(90, new string('1', 42));
        m.SetDigits(100, "12345");

        var calculator = new RecordingMac();
        var output = new ArrayBufferWriter<byte>();
        IsoWriter.Write(m, output, calculator);
        byte[] bytes = output.WrittenSpan.ToArray();

        var parsed = new IsoMessage(Dialects.CentralHost);
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(FrameReader.TryReadFrame(ref buffer, Dialects.CentralHost, out var frame, out _));
        Assert.True(IsoReader.TryParse(frame, parsed, out var error), error.ToString());
        Assert.Equal(420, parsed.Mti);
        Assert.Equal(new[] { 7, 90, 100, 128 }, Fields(parsed));
        Assert.Equal(calculator.Block, parsed.ReceivedMacBlock.ToArray());
        Assert.Equal("0420", System.Text.Encoding.ASCII.GetString(calculator.Block, 0, 4));
        Assert.Equal(0x80, calculator.Block[4] & 0x80); // bit 1: secondary bitmap present
        Assert.Equal(1, calculator.Block[19] & 1); // bit 128 set before the MAC is computed
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, parsed.ReceivedMac.ToArray());
        Assert.Equal("1231235959", parsed.GetAscii(7));
        Assert.Equal("12345", parsed.GetAscii(100));

        // Without secondary fields the MAC is F64.
        var small = new IsoMessage(Dialects.CentralHost);
        small.SetMti(200);
        small.SetNumber(4, 1);
        output.ResetWrittenCount();
        IsoWriter.Write(small, output, new RecordingMac());
        Assert.True(IsoReader.TryParse(output.WrittenSpan[4..], parsed, out _));
        Assert.Equal(new[] { 4, 64 }, Fields(parsed));
    }

    [Fact]
    public void Sub_fields_of_60_and_61()
    {
        var m = new IsoMessage(Dialects.UnionPayPos);
        m.SetDigits(60, "22000123");
        m.SetDigits(61, "0000010001230510");
        Assert.True(Field60.TryRead(m, out var f60));
        Assert.Equal(new Field60(22, 123, -1, -1, -1), f60);
        Assert.True(Field61.TryRead(m, out var f61));
        Assert.Equal(new Field61(1, 123, 510), f61);
        Assert.True(m.TryGetSubfield(61, 6, 6, out int trace));
        Assert.Equal(123, trace);

        m.SetDigits(61, "000001000123");
        Assert.True(Field61.TryRead(m, out f61));
        Assert.Equal(-1, f61.OriginalDate);
        m.SetDigits(60, "22");
        Assert.False(Field60.TryRead(m, out _));
        m.Remove(61);
        Assert.False(Field61.TryRead(m, out _));
    }

    [Fact]
    public void Destination_too_small_is_refused()
    {
        var m = new IsoMessage(Dialects.UnionPayPos);
        m.SetMti(800);
        Assert.Throws<ArgumentException>(() => IsoWriter.Write(m, new byte[10]));
        Assert.Equal(23, IsoWriter.Write(m, new byte[23]));
    }

    private static int[] Fields(IsoMessage message)
    {
        var list = new List<int>();
        for (int f = message.NextField(1); f > 0; f = message.NextField(f)) list.Add(f);
        return [.. list];
    }

    private sealed class RecordingMac : IMacCalculator
    {
        public byte[] Block { get; private set; } = [];

        public void ComputeMac(ReadOnlySpan<byte> macBlock, Span<byte> mac)
        {
            Block = macBlock.ToArray();
            for (int i = 0; i < 8; i++) mac[i] = (byte)(i + 1);
        }
    }
}
