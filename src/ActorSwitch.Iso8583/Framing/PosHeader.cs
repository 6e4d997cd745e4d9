namespace ActorSwitch.Iso8583;

/// <summary>
/// The 6-byte BCD POS header: application type (2 digits), software version (2), terminal status (1),
/// processing requirement (1), sub-version (6). Kept as the received bytes so that an answer echoes a
/// header exactly even when a terminal sends non-BCD nibbles (see <see cref="IsBcd"/>).
/// </summary>
public readonly record struct PosHeader
{
    /// <summary>Bytes on the wire.</summary>
    public const int Size = 6;

    private readonly ulong _raw; // the 6 bytes, big-endian, in the low 48 bits

    private PosHeader(ulong raw) => _raw = raw;

    /// <summary>Builds a header from its parts (each within its digit count).</summary>
    public PosHeader(int applicationType, int softwareVersion, int terminalStatus, int processingRequirement, int subVersion)
    {
        Check(applicationType, 99);
        Check(softwareVersion, 99);
        Check(terminalStatus, 9);
        Check(processingRequirement, 9);
        Check(subVersion, 999999);
        _raw = ((ulong)Bcd.ToByte(applicationType) << 40)
             | ((ulong)Bcd.ToByte(softwareVersion) << 32)
             | ((ulong)((terminalStatus << 4) | processingRequirement) << 24)
             | ((ulong)Bcd.ToByte(subVersion / 10000) << 16)
             | ((ulong)Bcd.ToByte(subVersion / 100 % 100) << 8)
             | Bcd.ToByte(subVersion % 100);
    }

    /// <summary>60 magstripe payment, 61 IC payment, 62/63 value added.</summary>
    public int ApplicationType => Digits(Byte(0));
    /// <summary>Terminal software version, e.g. 22, 31, 32.</summary>
    public int SoftwareVersion => Digits(Byte(1));
    /// <summary>0 = normal.</summary>
    public int TerminalStatus => Byte(2) >> 4;
    /// <summary>Work the host asks of the terminal (0 none, 3 sign on again, ...).</summary>
    public int ProcessingRequirement => Byte(2) & 0x0F;
    /// <summary>Six-digit sub-version.</summary>
    public int SubVersion => Digits(Byte(3)) * 10000 + Digits(Byte(4)) * 100 + Digits(Byte(5));

    /// <summary>True when every nibble is a decimal digit (the getters are meaningful).</summary>
    public bool IsBcd
    {
        get
        {
            for (int i = 0; i < Size; i++)
                if (!Bcd.IsDigitPair(Byte(i))) return false;
            return true;
        }
    }

    /// <summary>The same header with another processing requirement (how the host asks for work).</summary>
    public PosHeader WithProcessingRequirement(int value)
    {
        Check(value, 9);
        return new PosHeader((_raw & ~(0x0FUL << 24)) | ((ulong)value << 24));
    }

    /// <summary>Reads the 6 wire bytes as they are.</summary>
    public static PosHeader Read(ReadOnlySpan<byte> source)
    {
        ulong raw = 0;
        for (int i = 0; i < Size; i++) raw = (raw << 8) | source[i];
        return new PosHeader(raw);
    }

    /// <summary>Writes the 6 wire bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        for (int i = 0; i < Size; i++) destination[i] = Byte(i);
    }

    private byte Byte(int index) => (byte)(_raw >> (8 * (Size - 1 - index)));
    private static int Digits(byte b) => (b >> 4) * 10 + (b & 0x0F);

    private static void Check(int value, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max);
    }
}
