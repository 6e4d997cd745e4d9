using System.Buffers;
using ActorSwitch.Iso8583.Tests.Support;
using CsCheck;

namespace ActorSwitch.Iso8583.Tests;

/// <summary>Generated valid messages of both dialects survive write -> parse -> write unchanged.</summary>
public class RoundTripProperties
{
    /// <summary>One field value: digits or text for n/z/an/ans, bytes for b.</summary>
    public sealed record FieldValue(int Field, string? Text, byte[]? Bytes)
    {
        public override string ToString() => $"F{Field}={Text ?? Convert.ToHexString(Bytes!)}";
    }

    public sealed record Sample(int Mti, Tpdu Tpdu, PosHeader Header, FieldValue[] Values)
    {
        public override string ToString() => $"{Mti:D4} {string.Join(' ', Values.Select(v => v.ToString()))}";
    }

    private static Gen<FieldValue> ValueGen(FieldSpec spec)
    {
        var length = spec.LengthType == LengthType.Fixed ? Gen.Const(spec.MaxLength) : Gen.Int[0, spec.MaxLength];
        Gen<string> Text(string alphabet) =>
            length.SelectMany(n => Gen.Int[0, alphabet.Length - 1].Array[n]).Select(ix => new string(ix.Select(i => alphabet[i]).ToArray()));
        return spec.Format switch
        {
            FieldFormat.N => Text("0123456789").Select(t => new FieldValue(spec.Number, t, null)),
            FieldFormat.Z => Text("0123456789=").Select(t => new FieldValue(spec.Number, t, null)),
            FieldFormat.An or FieldFormat.Ans => length.SelectMany(n => Gen.Char[' ', '~'].Array[n])
                .Select(c => new FieldValue(spec.Number, new string(c), null)),
            _ => length.SelectMany(n => Gen.Byte.Array[n]).Select(b => new FieldValue(spec.Number, null, b)),
        };
    }

    private static Gen<Sample> SampleGen(Dialect dialect)
    {
        var specs = Enumerable.Range(2, 127).Select(dialect.GetField).OfType<FieldSpec>().ToArray();
        var values = Gen.Int[0, specs.Length - 1].SelectMany(i => ValueGen(specs[i])).Array[0, 30];
        var tpdu = Gen.Select(Gen.Byte, Gen.UShort, Gen.UShort, (id, d, s) => new Tpdu(id, d, s));
        var header = Gen.Select(Gen.Int[0, 99], Gen.Int[0, 99], Gen.Int[0, 9], Gen.Int[0, 9], Gen.Int[0, 999999],
            (a, v, t, p, s) => new PosHeader(a, v, t, p, s));
        return Gen.Select(Gen.Int[0, 9999], tpdu, header, values, (mti, t, h, v) => new Sample(mti, t, h, v));
    }

    private static IsoMessage Build(Dialect dialect, Sample sample)
    {
        var m = new IsoMessage(dialect);
        m.SetMti(sample.Mti);
        m.Tpdu = sample.Tpdu;
        m.Header = sample.Header;
        foreach (var v in sample.Values)
        {
            if (v.Bytes is not null) m.SetBinary(v.Field, v.Bytes);
            else m.SetAscii(v.Field, v.Text);
        }
        return m;
    }

    private static byte[] Write(IsoMessage m)
    {
        var output = new ArrayBufferWriter<byte>();
        IsoWriter.Write(m, output);
        return output.WrittenSpan.ToArray();
    }

    public static TheoryData<string> DialectNames => new() { "pos", "central" };

    private static Dialect DialectOf(string name) => name == "pos" ? Dialects.UnionPayPos : Dialects.CentralHost;

    [Theory]
    [MemberData(nameof(DialectNames))]
    public void Write_parse_gives_the_same_fields_and_write_again_the_same_bytes(string name)
    {
        var dialect = DialectOf(name);
        SampleGen(dialect).Sample(sample =>
        {
            var built = Build(dialect, sample);
            byte[] first = Write(built);

            var buffer = Segments.Split(first, 5, 1, 64);
            Assert.True(FrameReader.TryReadFrame(ref buffer, dialect, out var frame, out var frameError), frameError.ToString());
            var parsed = new IsoMessage(dialect);
            Assert.True(IsoReader.TryParse(frame, parsed, out var error), error.ToString());

            Assert.Equal(built.Mti, parsed.Mti);
            if (dialect.HasTpdu) Assert.Equal(built.Tpdu, parsed.Tpdu);
            if (dialect.HasHeader) Assert.Equal(built.Header, parsed.Header);
            for (int f = 2; f <= 128; f++)
            {
                Assert.Equal(built.Has(f), parsed.Has(f));
                if (!built.Has(f)) continue;
                Assert.Equal(built.GetLength(f), parsed.GetLength(f));
                Assert.Equal(built.GetBytes(f).ToArray(), parsed.GetBytes(f).ToArray());
                Assert.Equal(built.GetAscii(f), parsed.GetAscii(f));
            }
            foreach (var v in sample.Values.GroupBy(v => v.Field).Select(g => g.Last()))
            {
                if (v.Text is not null) Assert.Equal(v.Text, parsed.GetAscii(v.Field));
                else Assert.Equal(v.Bytes, parsed.GetBytes(v.Field).ToArray());
            }

            Assert.Equal(first, Write(parsed));
        }, iter: 300);
    }

    [Theory]
    [MemberData(nameof(DialectNames))]
    public void Numbers_read_back_as_set(string name)
    {
        var dialect = DialectOf(name);
        Gen.Select(Gen.ULong[0, 999_999_999_999], Gen.Int[0, 999_999]).Sample((amount, trace) =>
        {
            var m = new IsoMessage(dialect);
            m.SetMti(200);
            m.SetNumber(4, amount);
            m.SetNumber(11, (ulong)trace);
            var parsed = new IsoMessage(dialect);
            Assert.True(IsoReader.TryParse(Write(m).AsSpan(dialect.LengthPrefixSize), parsed, out _));
            Assert.True(parsed.TryGetUInt64(4, out ulong a));
            Assert.True(parsed.TryGetInt64(11, out long t));
            Assert.Equal(amount, a);
            Assert.Equal(trace, t);
            Assert.Equal(12, parsed.GetLength(4));
        });
    }

    [Fact]
    public void Right_aligned_odd_variable_digits_read_as_sent_and_write_canonically()
    {
        var fields = new[] { 2, 32, 48, 60, 61 };
        Gen.Select(Gen.Int[0, fields.Length - 1], Gen.Int[0, 9].Array[1, 19]).Sample((which, digits) =>
        {
            var spec = Dialects.UnionPayPos.GetField(fields[which])!;
            if ((digits.Length & 1) == 0 || digits.Length > spec.MaxLength || digits[^1] == 0) return; // only the right-aligned case
            string text = string.Concat(digits);
            string rightHex = "0" + text; // leading pad nibble
            string prefix = spec.PrefixSize == 1 ? $"{digits.Length:D2}" : $"{digits.Length:D4}";
            var m = new IsoMessage(Dialects.UnionPayPos);
            Assert.True(IsoReader.TryParse(Frames.Pos(Frames.Bitmap(spec.Number), prefix + rightHex), m, out var error), error.ToString());
            Assert.Equal(text, m.GetAscii(spec.Number));
            byte[] written = Write(m);
            Assert.EndsWith(text + "0", Convert.ToHexString(written));
        });
    }
}
