using System.Buffers;
using System.Buffers.Binary;

namespace ActorSwitch.Iso8583;

/// <summary>Cuts length-prefixed frames out of a Pipelines buffer.</summary>
public static class FrameReader
{
    /// <summary>
    /// Takes one frame off the front of <paramref name="buffer"/>. The frame excludes the length prefix.
    /// Returns true and advances <paramref name="buffer"/> past the frame when a whole frame is there;
    /// false with <see cref="FrameError.None"/> when more bytes are needed; false with an error (buffer
    /// untouched) when the prefix is invalid. The prefix value is checked before anything else, so an
    /// attacker's length never sizes anything.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, Dialect dialect,
        out ReadOnlySequence<byte> frame, out FrameError error)
    {
        frame = default;
        error = FrameError.None;
        int prefixSize = dialect.LengthPrefixSize;
        if (buffer.Length < prefixSize) return false;

        // Fast path: the prefix sits in the first segment, as it almost always does.
        ReadOnlySpan<byte> first = buffer.FirstSpan;
        Span<byte> copy = stackalloc byte[4];
        scoped ReadOnlySpan<byte> prefix;
        if (first.Length >= prefixSize)
        {
            prefix = first[..prefixSize];
        }
        else
        {
            buffer.Slice(0, prefixSize).CopyTo(copy);
            prefix = copy[..prefixSize];
        }

        if (!TryDecodeLength(prefix, dialect.LengthPrefix, out int length))
        {
            error = FrameError.BadLengthPrefix;
            return false;
        }
        if (length == 0)
        {
            error = FrameError.ZeroLength;
            return false;
        }
        if (length > dialect.MaxFrameLength)
        {
            error = FrameError.TooLong;
            return false;
        }
        if (buffer.Length - prefixSize < length) return false;

        frame = buffer.Slice(prefixSize, length);
        buffer = buffer.Slice(frame.End);
        return true;
    }

    private static bool TryDecodeLength(ReadOnlySpan<byte> prefix, FrameLengthPrefix kind, out int length)
    {
        if (kind == FrameLengthPrefix.Binary2)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
            return true;
        }
        length = 0;
        for (int i = 0; i < 4; i++)
        {
            int d = prefix[i] - '0';
            if ((uint)d > 9) return false;
            length = length * 10 + d;
        }
        return true;
    }

    /// <summary>Writes the length prefix for a frame of <paramref name="length"/> bytes.</summary>
    internal static void WriteLength(Span<byte> destination, FrameLengthPrefix kind, int length)
    {
        if (kind == FrameLengthPrefix.Binary2)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)length);
            return;
        }
        for (int i = 3; i >= 0; i--)
        {
            destination[i] = (byte)('0' + length % 10);
            length /= 10;
        }
    }
}
