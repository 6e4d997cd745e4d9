using System.Buffers;

namespace ActorSwitch.Benchmarks;

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/>, as a socket pipe hands out.</summary>
internal sealed class Segment : ReadOnlySequenceSegment<byte>
{
    private Segment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>Cuts <paramref name="data"/> at <paramref name="cuts"/> (ascending offsets) into linked segments.</summary>
    public static ReadOnlySequence<byte> Split(byte[] data, params int[] cuts)
    {
        var bounds = cuts.Append(data.Length).ToArray();
        // Each segment gets its own array, as a pipe's pooled blocks would be.
        var first = new Segment(data.AsSpan(0, bounds[0]).ToArray(), 0);
        var last = first;
        for (var i = 1; i < bounds.Length; i++)
        {
            var next = new Segment(data.AsSpan(bounds[i - 1], bounds[i] - bounds[i - 1]).ToArray(), bounds[i - 1]);
            last.Next = next;
            last = next;
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
