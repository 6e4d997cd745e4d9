namespace ActorSwitch.Iso8583;

/// <summary>Which leading parts of a frame were decoded before an error: tells the switch whether it can
/// still answer 30 with the right TPDU, header and MTI.</summary>
[Flags]
public enum IsoParts : byte
{
    /// <summary>Nothing decoded.</summary>
    None = 0,
    /// <summary><see cref="IsoMessage.Tpdu"/> holds the received TPDU.</summary>
    Tpdu = 1,
    /// <summary><see cref="IsoMessage.Header"/> holds the received header.</summary>
    Header = 2,
    /// <summary><see cref="IsoMessage.Mti"/> holds the received MTI.</summary>
    Mti = 4,
    /// <summary>The bitmap was read.</summary>
    Bitmap = 8,
}
