// This file is compiled twice: into this test project (the replay test below) and, linked, into
// tests/ActorSwitch.Iso8583.Fuzz (which defines FUZZ_TARGET and gets only FrameCheck). So the check
// the fuzzer runs under AFL++ and the check the test replays over the committed corpus are one code.
using System.Buffers;
using System.Runtime.CompilerServices;

namespace ActorSwitch.Iso8583.Fuzz
{
    /// <summary>Thrown when an input breaks an invariant of the codec: AFL++ records it as a crash.</summary>
    public sealed class FuzzCheckException(string message) : Exception(message);

    /// <summary>
    /// The fuzz check: for each dialect, cut frames off the input with <see cref="FrameReader.TryReadFrame"/>
    /// over a one-segment sequence and, in lock step, over the same bytes split into small segments; parse
    /// each frame into reused messages from both sequences; on success re-encode with <see cref="IsoWriter"/>,
    /// parse again, and require the same message and the same bytes on a second re-encoding. Any broken
    /// invariant throws <see cref="FuzzCheckException"/>; any other exception escapes as it is. Not thread-safe:
    /// one instance per thread, reused across inputs as a connection reuses its message.
    /// </summary>
    public sealed class FrameCheck
    {
        /// <summary>Segment sizes the split sequence cycles through (prefixes and fields straddle segments).</summary>
        private static readonly int[] SegmentSizes = [1, 2, 3, 5, 8, 13];

        private readonly State[] _states = [new(Dialects.UnionPayPos), new(Dialects.CentralHost)];

        /// <summary>Runs the whole check on one input. Throws on a broken invariant.</summary>
        public void Run(ReadOnlyMemory<byte> input)
        {
            var split = Split(input);
            foreach (var state in _states) RunDialect(state, input, split);
        }

        private static void RunDialect(State s, ReadOnlyMemory<byte> input, ReadOnlySequence<byte> splitInput)
        {
            var d = s.Dialect;
            var whole = new ReadOnlySequence<byte>(input);
            var split = splitInput;
            int frames = 0;
            while (true)
            {
                long before = whole.Length;
                bool gotWhole = FrameReader.TryReadFrame(ref whole, d, out var frameWhole, out var errorWhole);
                bool gotSplit = FrameReader.TryReadFrame(ref split, d, out var frameSplit, out var errorSplit);
                Require(gotWhole == gotSplit && errorWhole == errorSplit,
                    d, $"framing differs by segmentation: {gotWhole}/{errorWhole} one segment, {gotSplit}/{errorSplit} split");
                Require(whole.Length == split.Length, d, "framing consumed different lengths by segmentation");
                if (!gotWhole)
                {
                    Require(whole.Length == before, d, "a refused or incomplete frame advanced the buffer");
                    Require(errorWhole != FrameError.None || before < d.LengthPrefixSize || NeedsMore(input.Span[(int)(input.Length - before)..], d),
                        d, "the frame reader asked for more bytes although a whole frame was there");
                    break;
                }
                Require(errorWhole == FrameError.None, d, "a frame came with an error");
                Require(frameWhole.Length >= 1 && frameWhole.Length <= d.MaxFrameLength, d, $"frame of {frameWhole.Length} bytes");
                Require(before - whole.Length == d.LengthPrefixSize + frameWhole.Length, d, "the buffer advanced by other than prefix + frame");
                Require(frameSplit.Length == frameWhole.Length, d, "frames differ in length by segmentation");
                frameWhole.CopyTo(s.ScratchA);
                frameSplit.CopyTo(s.ScratchB);
                int length = (int)frameWhole.Length;
                Require(s.ScratchA.AsSpan(0, length).SequenceEqual(s.ScratchB.AsSpan(0, length)), d, "frames differ in bytes by segmentation");

                ParseBoth(s, frameWhole, frameSplit);
                frames++;
            }

            // No whole frame at the front (prefix refused or frame cut short): the parser still gets the
            // bytes after the prefix as one contiguous frame, so that mutations which break the length
            // prefix keep reaching it. Goes through the span overload of TryParse.
            if (frames == 0 && input.Length > d.LengthPrefixSize)
            {
                var rest = input.Span[d.LengthPrefixSize..];
                bool ok = IsoReader.TryParse(rest, s.Parsed, out var error);
                if (!ok) CheckFailure(s.Parsed, error, rest.Length);
                else RoundTrip(s, rest.Length);
            }
        }

        /// <summary>True when the prefix at the front of <paramref name="rest"/> announces more bytes than follow.</summary>
        private static bool NeedsMore(ReadOnlySpan<byte> rest, Dialect d)
        {
            int length;
            if (d.LengthPrefix == FrameLengthPrefix.Binary2) length = (rest[0] << 8) | rest[1];
            else length = (rest[0] - '0') * 1000 + (rest[1] - '0') * 100 + (rest[2] - '0') * 10 + (rest[3] - '0');
            return rest.Length - d.LengthPrefixSize < length;
        }

        private static void ParseBoth(State s, in ReadOnlySequence<byte> frameWhole, in ReadOnlySequence<byte> frameSplit)
        {
            var d = s.Dialect;
            int length = (int)frameWhole.Length;
            bool okWhole = IsoReader.TryParse(frameWhole, s.Parsed, out var errorWhole);
            bool okSplit = IsoReader.TryParse(frameSplit, s.ParsedSplit, out var errorSplit);
            Require(okWhole == okSplit && errorWhole == errorSplit, d, $"parse differs by segmentation: {errorWhole} vs {errorSplit}");
            if (!okWhole)
            {
                CheckFailure(s.Parsed, errorWhole, length);
                CheckFailure(s.ParsedSplit, errorSplit, length);
                return;
            }
            RequireSame(s, s.Parsed, s.ParsedSplit, "one-segment and split parses");
            RoundTrip(s, length);
        }

        private static void CheckFailure(IsoMessage m, IsoError error, int frameLength)
        {
            var d = m.Dialect;
            Require(error.Kind != IsoErrorKind.None, d, "a failed parse reported no error");
            Require(error.Offset >= 0 && error.Offset <= frameLength, d, $"error offset {error.Offset} outside a frame of {frameLength}");
            Require(error.Field >= 0 && error.Field <= 128, d, $"error field {error.Field}");
            Require(m.NextField(1) == -1, d, $"a failed parse left field {m.NextField(1)} present");
            Require(m.ReceivedMac.IsEmpty && m.ReceivedMacBlock.IsEmpty, d, "a failed parse left a received MAC");
            if ((error.Decoded & IsoParts.Mti) != 0)
                Require(m.Mti >= 0 && m.Mti <= 9999, d, $"decoded MTI {m.Mti}");
        }

        /// <summary>s.Parsed holds a message parsed from a frame of <paramref name="frameLength"/> bytes:
        /// write it, parse the output, compare, write again and compare the bytes.</summary>
        private static void RoundTrip(State s, int frameLength)
        {
            var d = s.Dialect;
            var m = s.Parsed;
            Touch(m);

            s.First.ResetWrittenCount();
            int size = IsoWriter.GetFrameSize(m);
            int written = IsoWriter.Write(m, s.First);
            Require(written == size && s.First.WrittenCount == size, d, $"wrote {written} bytes, GetFrameSize said {size}");
            // Canonical re-encoding keeps every field's size; only an all-zero secondary bitmap is dropped.
            Require(size - d.LengthPrefixSize <= frameLength, d, $"re-encoding grew the frame from {frameLength} to {size - d.LengthPrefixSize}");

            var output = new ReadOnlySequence<byte>(s.First.WrittenMemory);
            Require(FrameReader.TryReadFrame(ref output, d, out var frame, out var frameError) && output.IsEmpty,
                d, $"the writer's output does not frame as one frame ({frameError})");
            Require(IsoReader.TryParse(frame, s.Reparsed, out var error), d, $"the writer's output does not parse: {error}");
            RequireSame(s, m, s.Reparsed, "parsed and re-encoded-then-parsed");

            s.Second.ResetWrittenCount();
            IsoWriter.Write(s.Reparsed, s.Second);
            Require(s.First.WrittenSpan.SequenceEqual(s.Second.WrittenSpan), d, "re-encoding is not stable: the second write differs from the first");

            CheckMacBlock(s);
        }

        /// <summary>When the writer would put the MAC in the field the reader found it in, writing with a MAC
        /// calculator must hand it exactly the reader's MAC block and give the same bytes.</summary>
        private static void CheckMacBlock(State s)
        {
            var d = s.Dialect;
            var m = s.Reparsed;
            if (m.ReceivedMac.IsEmpty) return;
            bool usesSecondary = m.NextField(64) > 64;
            int readerField = d.GetField(128) is not null && m.Has(128) ? 128 : 64;
            int writerField = usesSecondary && d.GetField(128) is not null ? 128 : 64;
            if (readerField != writerField) return;

            s.Second.ResetWrittenCount();
            int blockLength = -1;
            bool sameBlock = false;
            var block = m.ReceivedMacBlock.ToArray();
            var mac = m.ReceivedMac.ToArray();
            IsoWriter.Write(m, s.Second, (macBlock, macOut) =>
            {
                blockLength = macBlock.Length;
                sameBlock = macBlock.SequenceEqual(block);
                mac.CopyTo(macOut);
            });
            Require(sameBlock, d, $"the writer's MAC block ({blockLength} bytes) is not the reader's ({block.Length} bytes)");
            Require(s.First.WrittenSpan.SequenceEqual(s.Second.WrittenSpan), d, "writing with the MAC calculator changed the bytes");
        }

        /// <summary>Calls the typed getters on every present field (they must not throw).</summary>
        private static void Touch(IsoMessage m)
        {
            for (int f = m.NextField(1); f > 0; f = m.NextField(f))
            {
                m.TryGetUInt64(f, out _);
                m.TryGetInt64(f, out _);
                m.TryGetSubfield(f, 1, 3, out int _);
            }
            Field60.TryRead(m, out _);
            Field61.TryRead(m, out _);
            _ = m.Header.IsBcd;
        }

        /// <summary>Same MTI, TPDU, header, fields (digits compared as digits, other fields as bytes),
        /// typed values and received MAC.</summary>
        private static void RequireSame(State s, IsoMessage x, IsoMessage y, string what)
        {
            var d = s.Dialect;
            Require(x.Mti == y.Mti, d, $"{what}: MTI {x.Mti} vs {y.Mti}");
            if (d.HasTpdu) Require(x.Tpdu == y.Tpdu, d, $"{what}: TPDU {x.Tpdu} vs {y.Tpdu}");
            if (d.HasHeader) Require(x.Header == y.Header, d, $"{what}: header differs");
            for (int f = 2; f <= 128; f++)
            {
                Require(x.Has(f) == y.Has(f), d, $"{what}: F{f} present {x.Has(f)} vs {y.Has(f)}");
                if (!x.Has(f)) continue;
                Require(x.GetLength(f) == y.GetLength(f), d, $"{what}: F{f} length {x.GetLength(f)} vs {y.GetLength(f)}");
                var spec = d.GetField(f)!;
                if (spec.IsDigits)
                {
                    Require(x.TryGetDigits(f, s.DigitsA, out int nx) & y.TryGetDigits(f, s.DigitsB, out int ny), d, $"{what}: F{f} digits unreadable");
                    Require(s.DigitsA.AsSpan(0, nx).SequenceEqual(s.DigitsB.AsSpan(0, ny)), d,
                        $"{what}: F{f} digits '{new string(s.DigitsA, 0, nx)}' vs '{new string(s.DigitsB, 0, ny)}'");
                    bool okX = x.TryGetUInt64(f, out ulong vx), okY = y.TryGetUInt64(f, out ulong vy);
                    Require(okX == okY && vx == vy, d, $"{what}: F{f} value {okX}/{vx} vs {okY}/{vy}");
                }
                else
                {
                    Require(x.GetBytes(f).SequenceEqual(y.GetBytes(f)), d, $"{what}: F{f} bytes differ");
                }
            }
            bool f60x = Field60.TryRead(x, out var x60), f60y = Field60.TryRead(y, out var y60);
            Require(f60x == f60y && x60 == y60, d, $"{what}: F60 {x60} vs {y60}");
            bool f61x = Field61.TryRead(x, out var x61), f61y = Field61.TryRead(y, out var y61);
            Require(f61x == f61y && x61 == y61, d, $"{what}: F61 {x61} vs {y61}");
            Require(x.ReceivedMac.SequenceEqual(y.ReceivedMac), d, $"{what}: received MAC differs");
        }

        private static void Require(bool condition, Dialect dialect, string message)
        {
            if (!condition) throw new FuzzCheckException($"[{dialect.Name}] {message}");
        }

        // The message is formatted only when the condition fails: the fuzz loop stays allocation-light.
        private static void Require(bool condition, Dialect dialect, [InterpolatedStringHandlerArgument("condition")] ref FailureMessage message)
        {
            if (!condition) throw new FuzzCheckException($"[{dialect.Name}] {message.ToStringAndClear()}");
        }

        [InterpolatedStringHandler]
        private ref struct FailureMessage
        {
            private DefaultInterpolatedStringHandler _inner;

            public FailureMessage(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
            {
                shouldAppend = !condition;
                _inner = shouldAppend ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
            }

            public void AppendLiteral(string value) => _inner.AppendLiteral(value);
            public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);
            public string ToStringAndClear() => _inner.ToStringAndClear();
        }

        private static ReadOnlySequence<byte> Split(ReadOnlyMemory<byte> data)
        {
            if (data.IsEmpty) return ReadOnlySequence<byte>.Empty;
            Segment first = new(data[..Math.Min(SegmentSizes[0], data.Length)], 0), last = first;
            int pos = first.Memory.Length;
            for (int i = 1; pos < data.Length; i++)
            {
                int size = Math.Min(SegmentSizes[i % SegmentSizes.Length], data.Length - pos);
                last = last.Append(data.Slice(pos, size));
                pos += size;
            }
            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }

        private sealed class Segment : ReadOnlySequenceSegment<byte>
        {
            public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
            {
                Memory = memory;
                RunningIndex = runningIndex;
            }

            public Segment Append(ReadOnlyMemory<byte> memory)
            {
                var next = new Segment(memory, RunningIndex + Memory.Length);
                Next = next;
                return next;
            }
        }

        /// <summary>Per-dialect messages and buffers, reused across inputs.</summary>
        private sealed class State(Dialect dialect)
        {
            public Dialect Dialect { get; } = dialect;
            public IsoMessage Parsed { get; } = new(dialect);
            public IsoMessage ParsedSplit { get; } = new(dialect);
            public IsoMessage Reparsed { get; } = new(dialect);
            public ArrayBufferWriter<byte> First { get; } = new(dialect.MaxFrameLength + 4);
            public ArrayBufferWriter<byte> Second { get; } = new(dialect.MaxFrameLength + 4);
            public byte[] ScratchA { get; } = new byte[dialect.MaxFrameLength];
            public byte[] ScratchB { get; } = new byte[dialect.MaxFrameLength];
            public char[] DigitsA { get; } = new char[1024];
            public char[] DigitsB { get; } = new char[1024];
        }
    }
}

#if !FUZZ_TARGET
namespace ActorSwitch.Iso8583.Tests
{
    using ActorSwitch.Iso8583.Fuzz;
    using ActorSwitch.Iso8583.Tests.Support;

    /// <summary>Replays the committed fuzz corpus and crash reproducers through the fuzz target's check.</summary>
    public class FuzzCorpusReplayTests
    {
        private const string FuzzProject = "tests/ActorSwitch.Iso8583.Fuzz";

        // One check for every file, as the fuzz target reuses one across inputs (theory rows run in turn).
        private static readonly FrameCheck Check = new();

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ActorSwitch.sln"))) return dir.FullName;
            throw new InvalidOperationException($"No ActorSwitch.sln above {AppContext.BaseDirectory}.");
        }

        private static string[] Files(string folder)
        {
            string path = Path.Combine(RepositoryRoot(), FuzzProject, folder);
            return Directory.Exists(path)
                ? Directory.GetFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()
                : [];
        }

        public static TheoryData<string> Inputs()
        {
            var data = new TheoryData<string>();
            foreach (string folder in new[] { "corpus", "regressions" })
                foreach (string file in Files(folder))
                    data.Add($"{folder}/{Path.GetFileName(file)}");
            return data;
        }

        [Theory]
        [MemberData(nameof(Inputs))]
        public void Input_passes_the_fuzz_check(string file)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(RepositoryRoot(), FuzzProject, file));
            Check.Run(bytes);
        }

        [Fact]
        public void Corpus_holds_the_public_frames_and_both_dialects()
        {
            var corpus = Files("corpus").Select(File.ReadAllBytes).ToArray();
            Assert.True(corpus.Length >= 20, $"only {corpus.Length} corpus files");
            foreach (var frame in new[] { Vectors.A, Vectors.B, Vectors.D })
                Assert.Contains(corpus, bytes => bytes.AsSpan().SequenceEqual(frame.Bytes));
            Assert.Contains(corpus, bytes => bytes.Length > 4 && bytes.AsSpan(0, 4).IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0);
            Assert.All(corpus, bytes => Assert.InRange(bytes.Length, 1, 4096));
        }
    }
}
#endif
