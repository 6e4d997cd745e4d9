namespace ActorSwitch.Iso8583;

/// <summary>
/// Fills the 8 MAC bytes of a message being written. <paramref name="macBlock"/> is every byte from the
/// MTI to the end of the last field before the MAC field, bitmap included with the MAC bit already set.
/// The codec knows no cryptography: the security library plugs in here.
/// </summary>
public delegate void MacCalculator(ReadOnlySpan<byte> macBlock, Span<byte> mac);

/// <summary>Same contract as <see cref="MacCalculator"/>, for an object that already holds its key
/// (e.g. a terminal's MAK handle), so that writing needs no closure allocation per message.</summary>
public interface IMacCalculator
{
    /// <summary>Computes the MAC of <paramref name="macBlock"/> into the 8 bytes of <paramref name="mac"/>.</summary>
    void ComputeMac(ReadOnlySpan<byte> macBlock, Span<byte> mac);
}
