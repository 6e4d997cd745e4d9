using static ActorSwitch.Iso8583.FieldFormat;

namespace ActorSwitch.Iso8583;

public static partial class Dialects
{
    /// <summary>
    /// The central platform link: 4-digit ASCII length, no TPDU or header, ASCII MTI, binary primary and
    /// secondary bitmaps, ASCII numerics and ASCII length prefixes. The MAC is F64, or F128 when the
    /// secondary bitmap is in use.
    /// </summary>
    public static Dialect CentralHost { get; } = CreateCentralHost();

    private static Dialect CreateCentralHost()
    {
        const NumericEncoding ascii = NumericEncoding.Ascii;
        FieldSpec[] fields =
        [
            LL(2, N, 19, ascii),
            Fixed(3, N, 6, ascii),
            Fixed(4, N, 12, ascii),
            Fixed(7, N, 10, ascii), // transmission date and time MMDDhhmmss
            Fixed(11, N, 6, ascii),
            Fixed(12, N, 6, ascii),
            Fixed(13, N, 4, ascii),
            Fixed(15, N, 4, ascii),
            Fixed(18, N, 4, ascii), // merchant type (MCC)
            Fixed(22, N, 3, ascii),
            Fixed(23, N, 3, ascii),
            Fixed(25, N, 2, ascii),
            LL(32, N, 11, ascii),
            LL(33, N, 11, ascii),
            LL(35, Z, 37, ascii),
            Fixed(37, An, 12),
            Fixed(38, An, 6),
            Fixed(39, An, 2),
            Fixed(41, Ans, 8),
            Fixed(42, Ans, 15),
            LL(44, An, 25, ascii),
            LLL(48, Ans, 512, ascii),
            Fixed(49, An, 3),
            Fixed(52, B, 8),
            Fixed(53, N, 16, ascii),
            LLL(54, An, 40, ascii),
            LLL(55, B, 255, ascii),
            LLL(60, Ans, 100, ascii),
            LLL(61, Ans, 200, ascii),
            LLL(62, B, 512, ascii),
            LLL(63, Ans, 163, ascii),
            Fixed(64, B, 8),
            Fixed(70, N, 3, ascii), // network management information code (docs/interfaces/central.md)
            Fixed(90, N, 42, ascii), // original data elements
            LL(100, N, 11, ascii), // receiving institution
            Fixed(128, B, 8),
        ];
        return new Dialect("Central host", FrameLengthPrefix.Ascii4, hasTpdu: false, hasHeader: false,
            mtiEncoding: ascii, allowSecondaryBitmap: true, fields, maxFrameLength: 8192);
    }
}
