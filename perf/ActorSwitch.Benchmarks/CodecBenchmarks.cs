using System.Buffers;
using ActorSwitch.Iso8583;
using BenchmarkDotNet.Attributes;

namespace ActorSwitch.Benchmarks;

/// <summary>
/// The ISO 8583 codec on frame D (UnionPay POS purchase, 129 bytes): parse into a reused message, write
/// it back into a reused buffer, both together, and cutting frames out of a received buffer.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private const int FramesInBuffer = 8;

    private byte[] wholeFrame = null!;          // with the 2-byte length, as on the wire
    private byte[] frame = null!;               // after the length, as FrameReader yields it
    private ReadOnlySequence<byte> segmented;   // the same frame in 3 segments
    private ReadOnlySequence<byte> received;    // 8 whole frames back to back
    private IsoMessage message = null!;
    private IsoMessage built = null!;
    private byte[] field62 = null!;
    private byte[] output = null!;
    private readonly char[] digits = new char[32];

    [GlobalSetup]
    public void Setup()
    {
        wholeFrame = Convert.FromHexString(Vectors.FrameDHex);
        frame = wholeFrame[2..];
        segmented = Segment.Split(frame, 20, 70);
        var many = new byte[wholeFrame.Length * FramesInBuffer];
        for (var i = 0; i < FramesInBuffer; i++)
            wholeFrame.CopyTo(many, i * wholeFrame.Length);
        received = Segment.Split(many, many.Length / 2 + 7); // one frame straddles two segments
        message = new IsoMessage(Dialects.UnionPayPos);
        built = new IsoMessage(Dialects.UnionPayPos);
        output = new byte[Dialects.UnionPayPos.MaxFrameLength + 2];

        // The benchmarks must measure real work: frame D parses, from either source, and re-encodes byte for byte.
        Vectors.Require(IsoReader.TryParse(segmented, message, out var error), $"frame D parses from segments ({error})");
        Vectors.Require(IsoReader.TryParse(frame, message, out error), $"frame D parses ({error})");
        Vectors.Require(message.Mti == 200 && message.Has(64) && message.Has(62), "frame D is a 0200 with F62 and F64");
        var written = IsoWriter.Write(message, output);
        Vectors.Require(output.AsSpan(0, written).SequenceEqual(wholeFrame), "frame D re-encodes byte for byte");
        field62 = message.GetBytes(62).ToArray();
        Vectors.Require(ParseAndWrite() == wholeFrame.Length, "parse + write returns the frame length");
        Vectors.Require(Pack() == wholeFrame.Length && output.AsSpan(0, wholeFrame.Length).SequenceEqual(wholeFrame),
            "frame D packed from its values equals frame D");
        // MTI 200, F3 0, F4 1234, F11 2, 60.1 26, 60.2 1, 60.3 0, 3 + 2 digits of F22/F25,
        // 8 + 15 + 3 + 43 + 8 bytes of F41, F42, F49, F62, F64.
        Vectors.Require(Unpack() == 200 + 0 + 1234 + 2 + 26 + 1 + 0 + 3 + 2 + 8 + 15 + 3 + 43 + 8, "frame D unpacks to its values");
        Vectors.Require(CutFrames() == FramesInBuffer, $"{FramesInBuffer} frames are cut from the buffer");
    }

    [Benchmark(Description = "Parse frame D (span)")]
    public bool Parse() => IsoReader.TryParse(frame, message, out _);

    [Benchmark(Description = "Parse frame D (3-segment sequence)")]
    public bool ParseSegmented() => IsoReader.TryParse(segmented, message, out _);

    [Benchmark(Description = "Write frame D (span)")]
    public int Write() => IsoWriter.Write(message, output);

    [Benchmark(Description = "Parse + re-encode frame D")]
    public int ParseAndWrite()
    {
        IsoReader.TryParse(frame, message, out _);
        return IsoWriter.Write(message, output);
    }

    /// <summary>
    /// Frame D built from typed values (MTI, TPDU, header, 11 fields incl. the MAC as received) into a
    /// cleared message and written: the "pack" of other libraries' benchmarks.
    /// </summary>
    [Benchmark(Description = "Pack frame D from values (11 setters + write)")]
    public int Pack()
    {
        var m = built;
        m.Clear();
        m.SetMti(200);
        m.Tpdu = new Tpdu(0x60, 0x0003, 0x0000);
        m.Header = new PosHeader(60, 32, 1, 0, 320072);
        m.SetNumber(3, 0);
        m.SetNumber(4, 1234);
        m.SetNumber(11, 2);
        m.SetDigits(22, "030");
        m.SetDigits(25, "99");
        m.SetAscii(41, "00000001");
        m.SetAscii(42, "952718182217875");
        m.SetAscii(49, "156");
        m.SetDigits(60, "2600000100060000000");
        m.SetBinary(62, field62);
        m.SetBinary(64, "B3A092AE"u8);
        return IsoWriter.Write(m, output);
    }

    /// <summary>
    /// Frame D parsed and every field read as a value: numbers for F3/F4/F11 and 60.1-60.3, digits for
    /// F22/F25, the bytes (no string) for the an/ans/b fields: the "unpack" of other libraries' benchmarks.
    /// </summary>
    [Benchmark(Description = "Unpack frame D to values (parse + read 11 fields)")]
    public long Unpack()
    {
        var m = message;
        if (!IsoReader.TryParse(frame, m, out _)) return -1;
        long sum = m.Mti;
        m.TryGetUInt64(3, out var processingCode);
        m.TryGetUInt64(4, out var amount);
        m.TryGetUInt64(11, out var trace);
        m.TryGetDigits(22, digits, out var entryMode);
        m.TryGetDigits(25, digits, out var condition);
        m.TryGetSubfield(60, 0, 2, out int transactionType);
        m.TryGetSubfield(60, 2, 6, out int batch);
        m.TryGetSubfield(60, 8, 3, out int networkCode);
        sum += (long)processingCode + (long)amount + (long)trace + transactionType + batch + networkCode + entryMode + condition;
        sum += m.GetBytes(41).Length + m.GetBytes(42).Length + m.GetBytes(49).Length + m.GetBytes(62).Length + m.GetBytes(64).Length;
        return sum;
    }

    /// <summary>Per frame: the buffer holds 8 frames, one of them across a segment boundary.</summary>
    [Benchmark(Description = "TryReadFrame (per frame, 8 in buffer)", OperationsPerInvoke = FramesInBuffer)]
    public int CutFrames()
    {
        var buffer = received;
        var count = 0;
        while (FrameReader.TryReadFrame(ref buffer, Dialects.UnionPayPos, out _, out _))
            count++;
        return count;
    }
}
