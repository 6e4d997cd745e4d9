using System.Buffers.Binary;
using System.Text;
using System.Runtime.Serialization;

namespace ActorSwitch.Switch.Serialization;

/// <summary>Reads what <see cref="PayloadWriter"/> wrote; a short or corrupt payload is a <see cref="SerializationException"/>.</summary>
public ref struct PayloadReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public PayloadReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
        Version = ReadByte();
    }

    /// <summary>The format version the writer put first.</summary>
    public byte Version { get; }

    public bool AtEnd => _position == _data.Length;

    public byte ReadByte()
    {
        if (_position >= _data.Length) throw Truncated();
        return _data[_position++];
    }

    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw new SerializationException($"Invalid boolean byte {b} at {_position - 1}"),
    };

    public long ReadVarInt()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return (long)(result >> 1) ^ -(long)(result & 1);
        }
        throw new SerializationException("Varint longer than 10 bytes");
    }

    public int ReadInt32()
    {
        var value = ReadVarInt();
        if (value is < int.MinValue or > int.MaxValue) throw new SerializationException($"Value {value} out of Int32 range");
        return (int)value;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadSpan());

    public string? ReadOptional() => ReadBool() ? ReadString() : null;

    public byte[] ReadBytes() => ReadSpan().ToArray();

    public long ReadInt64()
    {
        if (_data.Length - _position < 8) throw Truncated();
        var value = BinaryPrimitives.ReadInt64BigEndian(_data.Slice(_position, 8));
        _position += 8;
        return value;
    }

    private ReadOnlySpan<byte> ReadSpan()
    {
        var length = ReadVarInt();
        if (length < 0 || length > _data.Length - _position) throw Truncated();
        var span = _data.Slice(_position, (int)length);
        _position += (int)length;
        return span;
    }

    private readonly SerializationException Truncated() =>
        new($"Payload truncated at byte {_position} of {_data.Length}");
}
