using System.Buffers;

namespace ActorSwitch.Iso8583.Tests.Support;

/// <summary>Builds multi-segment sequences, as a socket delivering a frame in pieces would.</summary>
internal static class Segments
{
    /// <summary>Cuts <paramref name="data"/> into segments of the given sizes, repeated cyclically.</summary>
    public static ReadOnlySequence<byte> Split(byte[] data, params int[] sizes)
    {
        if (data.Length == 0) return ReadOnlySequence<byte>.Empty;
        Chunk? first = null, last = null;
        int pos = 0, i = 0;
        while (pos < data.Length)
        {
            int size = Math.Min(Math.Max(sizes[i++ % sizes.Length], 1), data.Length - pos);
            var memory = new ReadOnlyMemory<byte>(data, pos, size);
            last = last is null ? (first = new Chunk(memory, 0)) : last.Append(memory);
            pos += size;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Chunk : ReadOnlySequenceSegment<byte>
    {
        public Chunk(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Chunk Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Chunk(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
