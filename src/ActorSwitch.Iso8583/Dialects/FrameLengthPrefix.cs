namespace ActorSwitch.Iso8583;

/// <summary>The length in front of every frame on a TCP link; it counts the bytes that follow it.</summary>
public enum FrameLengthPrefix : byte
{
    /// <summary>2 bytes binary, big-endian (POS terminals).</summary>
    Binary2,
    /// <summary>4 ASCII decimal digits (central platform link).</summary>
    Ascii4,
}
