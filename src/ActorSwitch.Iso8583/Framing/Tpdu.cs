using System.Buffers.Binary;

namespace ActorSwitch.Iso8583;

/// <summary>Transport PDU in front of a POS message: id (0x60), destination and source address.</summary>
public readonly record struct Tpdu(byte Id, ushort Destination, ushort Source)
{
    /// <summary>Bytes on the wire.</summary>
    public const int Size = 5;

    /// <summary>The TPDU of the answer: same id, addresses swapped.</summary>
    public Tpdu ToResponse() => new(Id, Source, Destination);

    /// <summary>Reads the 5 wire bytes.</summary>
    public static Tpdu Read(ReadOnlySpan<byte> source) =>
        new(source[0], BinaryPrimitives.ReadUInt16BigEndian(source[1..]), BinaryPrimitives.ReadUInt16BigEndian(source[3..]));

    /// <summary>Writes the 5 wire bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        destination[0] = Id;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], Destination);
        BinaryPrimitives.WriteUInt16BigEndian(destination[3..], Source);
    }
}
