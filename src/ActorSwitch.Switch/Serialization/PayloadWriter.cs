using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ActorSwitch.Switch.Serialization;

/// <summary>
/// Writes the compact binary form of events: a leading format version, then fields in a fixed
/// order (strings as length-prefixed UTF-8, integers as LEB128 varints). Small and explicit, so a
/// reader of a later version can read every byte this one wrote.
/// </summary>
public sealed class PayloadWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(128);

    public PayloadWriter(byte version) => WriteByte(version);

    public PayloadWriter WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public PayloadWriter WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public PayloadWriter WriteVarInt(long value)
    {
        // Zig-zag so that small negative numbers stay small too.
        var v = (ulong)((value << 1) ^ (value >> 63));
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (v >= 0x80)
        {
            span[i++] = (byte)(v | 0x80);
            v >>= 7;
        }
        span[i++] = (byte)v;
        _buffer.Advance(i);
        return this;
    }

    public PayloadWriter WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarInt(count);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(count));
        _buffer.Advance(count);
        return this;
    }

    /// <summary>A string that may be absent: a presence byte, then the string.</summary>
    public PayloadWriter WriteOptional(string? value) => value is null ? WriteBool(false) : WriteBool(true).WriteString(value);

    public PayloadWriter WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteVarInt(value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
        return this;
    }

    public PayloadWriter WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
