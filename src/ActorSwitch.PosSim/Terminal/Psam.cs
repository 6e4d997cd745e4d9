namespace ActorSwitch.PosSim.Terminal;

/// <summary>The terminal's PSAM as far as offline purse records need it: its terminal number (6 bytes,
/// 12 hex) and its transaction sequence, which it increments for every purse purchase.</summary>
public sealed class Psam
{
    private readonly byte[] _terminalNumber;

    public Psam(ReadOnlySpan<byte> terminalNumber, uint lastSequence = 0)
    {
        if (terminalNumber.Length != 6)
            throw new ArgumentException("A PSAM terminal number is 6 bytes.", nameof(terminalNumber));
        _terminalNumber = terminalNumber.ToArray();
        LastSequence = lastSequence;
    }

    public ReadOnlySpan<byte> TerminalNumber => _terminalNumber;

    public uint LastSequence { get; private set; }

    public uint NextSequence() => ++LastSequence;
}
