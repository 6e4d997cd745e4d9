using static ActorSwitch.Iso8583.FieldFormat;

namespace ActorSwitch.Iso8583;

public static partial class Dialects
{
    /// <summary>
    /// China UnionPay POS dialect (pos-interface.md sections 1-3): 2-byte binary length, TPDU, 6-byte header,
    /// BCD MTI, primary bitmap only, BCD numerics and BCD length prefixes.
    /// </summary>
    public static Dialect UnionPayPos { get; } = CreateUnionPayPos();

    private static Dialect CreateUnionPayPos()
    {
        const NumericEncoding bcd = NumericEncoding.Bcd;
        // Section 2: old terminals pad with F or right-align odd variable digit fields; accept both, emit canonical.
        const FieldTolerance lenient = FieldTolerance.PadNibbleF | FieldTolerance.RightAlignedOddDigits;
        FieldSpec[] fields =
        [
            LL(2, N, 19, bcd, lenient),
            Fixed(3, N, 6),
            Fixed(4, N, 12),
            Fixed(11, N, 6),
            Fixed(12, N, 6),
            Fixed(13, N, 4),
            Fixed(14, N, 4),
            Fixed(15, N, 4),
            Fixed(22, N, 3, align: Alignment.Left), // `021` -> `02 10`
            Fixed(23, N, 3, align: Alignment.Right),
            Fixed(25, N, 2),
            Fixed(26, N, 2),
            LL(32, N, 11, bcd, lenient),
            LL(35, Z, 37, bcd, lenient),
            LLL(36, Z, 104, bcd, lenient),
            Fixed(37, An, 12),
            Fixed(38, An, 6),
            Fixed(39, An, 2),
            Fixed(41, Ans, 8),
            Fixed(42, Ans, 15),
            LL(44, An, 25, bcd),
            LLL(48, N, 322, bcd, lenient),
            Fixed(49, An, 3),
            Fixed(52, B, 8),
            Fixed(53, N, 16),
            LLL(54, An, 20, bcd),
            LLL(55, B, 255, bcd),
            LLL(58, Ans, 100, bcd),
            LLL(60, N, 19, bcd, lenient),
            LLL(61, N, 29, bcd, lenient),
            LLL(62, B, 512, bcd),
            LLL(63, Ans, 163, bcd),
            Fixed(64, B, 8),
        ];
        return new Dialect("UnionPay POS", FrameLengthPrefix.Binary2, hasTpdu: true, hasHeader: true,
            mtiEncoding: bcd, allowSecondaryBitmap: false, fields, maxFrameLength: 2048);
    }
}
