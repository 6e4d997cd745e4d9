using ActorSwitch.Iso8583.Tests.Support;
using static ActorSwitch.Iso8583.Tests.Support.Frames;

namespace ActorSwitch.Iso8583.Tests;

/// <summary>Bad input gives the exact typed error: kind, field and byte offset (counted after the length prefix).</summary>
public class MalformedInputTests
{
    private static IsoError Fail(byte[] payload, Dialect? dialect = null)
    {
        var message = new IsoMessage(dialect ?? Dialects.UnionPayPos);
        Assert.False(IsoReader.TryParse(payload, message, out var error));
        Assert.NotEqual(IsoErrorKind.None, error.Kind);
        Assert.Equal(-1, message.NextField(1)); // nothing half-parsed survives
        return error;
    }

    private static void AssertError(IsoErrorKind kind, int field, int offset, IsoError error)
    {
        Assert.Equal(kind, error.Kind);
        Assert.Equal(field, error.Field);
        Assert.Equal(offset, error.Offset);
    }

    [Theory]
    [InlineData(2, "20" + "00000000000000000000", IsoErrorKind.LengthAboveMaximum)] // LL 20 > n..19
    [InlineData(2, "99" + "00", IsoErrorKind.LengthAboveMaximum)]
    [InlineData(60, "0020" + "00000000000000000000", IsoErrorKind.LengthAboveMaximum)] // LLL 20 > n..19
    [InlineData(62, "0513" + "00", IsoErrorKind.LengthAboveMaximum)] // LLL 513 > b..512
    [InlineData(62, "9999" + "00", IsoErrorKind.LengthAboveMaximum)]
    [InlineData(2, "1A" + "00", IsoErrorKind.BadLengthPrefix)] // non-BCD nibble
    [InlineData(2, "F1" + "00", IsoErrorKind.BadLengthPrefix)]
    [InlineData(60, "0A11" + "00", IsoErrorKind.BadLengthPrefix)]
    [InlineData(63, "000F" + "00", IsoErrorKind.BadLengthPrefix)]
    [InlineData(2, "19" + "123456", IsoErrorKind.LengthPastEnd)]
    [InlineData(62, "0040" + "00112233445566778899", IsoErrorKind.LengthPastEnd)]
    [InlineData(63, "0003" + "4355", IsoErrorKind.LengthPastEnd)]
    public void Bad_length_prefixes(int field, string fieldHex, IsoErrorKind kind)
    {
        AssertError(kind, field, FirstFieldOffset, Fail(Pos(Bitmap(field), fieldHex)));
    }

    [Fact]
    public void Negative_or_garbage_ascii_length_prefix_in_the_central_dialect()
    {
        // ASCII MTI (4) + bitmap (8): F60 starts at 12.
        byte[] payload = [.. "0200"u8, .. Convert.FromHexString(Bitmap(60)), .. "-01"u8, .. "X"u8];
        AssertError(IsoErrorKind.BadLengthPrefix, 60, 12, Fail(payload, Dialects.CentralHost));
        payload = [.. "0200"u8, .. Convert.FromHexString(Bitmap(2)), .. "20"u8, .. "12345678901234567890"u8];
        AssertError(IsoErrorKind.LengthAboveMaximum, 2, 12, Fail(payload, Dialects.CentralHost));
    }

    [Fact]
    public void Bit_1_is_a_format_error_in_the_POS_dialect_but_the_header_is_known()
    {
        var message = new IsoMessage(Dialects.UnionPayPos);
        Assert.False(IsoReader.TryParse(Pos("8000000000000000" + "0000000000000000", ""), message, out var error));
        AssertError(IsoErrorKind.SecondaryBitmapNotAllowed, 1, 13, error);
        Assert.True(error.CanAnswer);
        Assert.Equal(IsoParts.Tpdu | IsoParts.Header | IsoParts.Mti, error.Decoded);
        Assert.Equal(200, message.Mti);
        Assert.Equal(new Tpdu(0x60, 1, 2), message.Tpdu);
        Assert.Equal(new Tpdu(0x60, 2, 1), message.Tpdu.ToResponse());
        Assert.Equal(60, message.Header.ApplicationType);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(18)]
    [InlineData(56)]
    public void Field_in_bitmap_but_not_in_the_dialect(int field)
    {
        var error = Fail(Pos(Bitmap(field), "000000000000"));
        AssertError(IsoErrorKind.FieldNotInDialect, field, FirstFieldOffset, error);
        Assert.Equal(IsoParts.Tpdu | IsoParts.Header | IsoParts.Mti | IsoParts.Bitmap, error.Decoded);
    }

    [Fact]
    public void Field_not_in_dialect_comes_after_the_fields_before_it()
    {
        // F3 is fine, F5 is unknown: the offset is where F5 would start.
        AssertError(IsoErrorKind.FieldNotInDialect, 5, FirstFieldOffset + 3, Fail(Pos(Bitmap(3, 5), "000000" + "00")));
    }

    [Fact]
    public void Tertiary_bit_65_is_not_in_the_central_dialect()
    {
        byte[] payload = [.. "0800"u8, .. Convert.FromHexString("8000000000000000" + Bitmap(1))];
        AssertError(IsoErrorKind.FieldNotInDialect, 65, 20, Fail(payload, Dialects.CentralHost));
    }

    [Fact]
    public void Trailing_bytes_after_the_last_field()
    {
        AssertError(IsoErrorKind.TrailingBytes, 0, FirstFieldOffset + 3, Fail(Pos(Bitmap(3), "000000" + "FF")));
        AssertError(IsoErrorKind.TrailingBytes, 0, FirstFieldOffset, Fail(Pos(Bitmap(), "00")));
    }

    [Theory]
    [InlineData(3, "00000A", 2)]
    [InlineData(3, "A00000", 0)]
    [InlineData(4, "0000000012A4", 5)]
    [InlineData(11, "00001F", 2)]
    [InlineData(53, "20000000000000B0", 7)]
    [InlineData(2, "04" + "12F4", 1)] // even count: no pad nibble, F is a bad digit
    [InlineData(60, "0004" + "00A0", 1)]
    public void Bcd_nibble_above_9(int field, string fieldHex, int dataByte)
    {
        var spec = Dialects.UnionPayPos.GetField(field)!;
        var error = Fail(Pos(Bitmap(field), fieldHex));
        AssertError(IsoErrorKind.BadDigit, field, FirstFieldOffset + spec.PrefixSize + dataByte, error);
    }

    [Theory]
    [InlineData(22, "0215", 1)] // fixed left-aligned: pad must be 0
    [InlineData(23, "1021", 0)] // fixed right-aligned: pad must be 0
    [InlineData(60, "0011" + "100001720035", 5)] // trailing 5 is no pad, leading 1 is no pad either
    [InlineData(2, "03" + "123A", 1)] // pad A is neither 0 nor F, leading nibble is not 0
    public void Pad_nibbles_outside_the_rules(int field, string fieldHex, int dataByte)
    {
        var spec = Dialects.UnionPayPos.GetField(field)!;
        AssertError(IsoErrorKind.BadPadding, field, FirstFieldOffset + spec.PrefixSize + dataByte, Fail(Pos(Bitmap(field), fieldHex)));
    }

    [Theory]
    [InlineData("05" + "12345F", "12345", "0512345F")] // pad F accepted, emitted as 0
    [InlineData("05" + "123450", "12345", "05123450")]
    [InlineData("05" + "012345", "12345", "05012345")] // right-aligned by the sender: read right-aligned
    [InlineData("05" + "012340", "01234", "05012340")] // pad 0 wins: decided by the bytes alone
    public void Odd_variable_digits_follow_section_2(string fieldHex, string digits, string receivedHex)
    {
        var message = new IsoMessage(Dialects.UnionPayPos);
        Assert.True(IsoReader.TryParse(Pos(Bitmap(2), fieldHex), message, out var error), error.ToString());
        Assert.Equal(digits, message.GetAscii(2));
        Assert.Equal(receivedHex[2..], Convert.ToHexString(message.GetBytes(2)));

        Span<byte> written = stackalloc byte[64];
        int n = IsoWriter.Write(message, written);
        var canonical = new IsoMessage(Dialects.UnionPayPos);
        canonical.SetDigits(2, digits);
        Assert.Equal(Convert.ToHexString(canonical.GetBytes(2)), Convert.ToHexString(written[(n - 3)..n]));
    }

    [Fact]
    public void Track_separator_is_nibble_D_and_other_letters_are_errors()
    {
        var message = new IsoMessage(Dialects.UnionPayPos);
        Assert.True(IsoReader.TryParse(Pos(Bitmap(35), "05" + "12D45F"), message, out _));
        Assert.Equal("12=45", message.GetAscii(35));
        Assert.False(message.TryGetUInt64(35, out _));
        AssertError(IsoErrorKind.BadDigit, 35, FirstFieldOffset + 2, Fail(Pos(Bitmap(35), "05" + "12E45F")));
    }

    [Fact]
    public void Bad_mti_leaves_tpdu_and_header_known()
    {
        var message = new IsoMessage(Dialects.UnionPayPos);
        Assert.False(IsoReader.TryParse(Convert.FromHexString("6000010002" + "602200000000" + "020A" + Bitmap(3) + "000000"), message, out var error));
        AssertError(IsoErrorKind.BadMti, 0, 11, error);
        Assert.Equal(IsoParts.Tpdu | IsoParts.Header, error.Decoded);
        Assert.False(error.CanAnswer);
        Assert.Equal(new Tpdu(0x60, 1, 2), message.Tpdu);

        byte[] central = [.. "02x0"u8, .. Convert.FromHexString(Bitmap())];
        var centralError = Fail(central, Dialects.CentralHost);
        AssertError(IsoErrorKind.BadMti, 0, 0, centralError);
        Assert.Equal(IsoParts.Tpdu | IsoParts.Header, centralError.Decoded); // nothing to echo in this dialect
    }

    [Fact]
    public void Truncated_fixed_parts()
    {
        var error = Fail(Convert.FromHexString("600001"));
        AssertError(IsoErrorKind.Truncated, 0, 3, error);
        Assert.Equal(IsoParts.None, error.Decoded);

        error = Fail(Convert.FromHexString("6000010002" + "6022"));
        AssertError(IsoErrorKind.Truncated, 0, 7, error);
        Assert.Equal(IsoParts.Tpdu, error.Decoded);

        AssertError(IsoErrorKind.Truncated, 1, 17, Fail(Convert.FromHexString(PosPrefix + "00380000")));
        AssertError(IsoErrorKind.Truncated, 4, FirstFieldOffset, Fail(Pos(Bitmap(4), "000000")));
        AssertError(IsoErrorKind.Truncated, 2, FirstFieldOffset, Fail(Pos(Bitmap(2), "")));
        AssertError(IsoErrorKind.Truncated, 60, FirstFieldOffset, Fail(Pos(Bitmap(60), "00")));
        AssertError(IsoErrorKind.Truncated, 0, 0, Fail([]));
    }

    [Fact]
    public void Every_prefix_of_D_is_a_typed_error_never_an_exception()
    {
        byte[] payload = Vectors.D.Payload;
        var message = new IsoMessage(Dialects.UnionPayPos);
        for (int length = 0; length < payload.Length; length++)
        {
            Assert.False(IsoReader.TryParse(payload.AsSpan(0, length), message, out var error));
            Assert.True(error.Kind is IsoErrorKind.Truncated or IsoErrorKind.LengthPastEnd, $"{length}: {error}");
            Assert.InRange(error.Offset, 0, length);
        }
        Assert.True(IsoReader.TryParse(payload, message, out _));
    }

    [Fact]
    public void Frame_above_the_maximum_is_refused_before_copying()
    {
        var error = Fail(new byte[Dialects.UnionPayPos.MaxFrameLength + 1]);
        AssertError(IsoErrorKind.FrameTooLong, 0, 0, error);
    }

    [Fact]
    public void Ascii_numeric_fields_take_digits_only()
    {
        byte[] payload = [.. "0200"u8, .. Convert.FromHexString(Bitmap(3)), .. "00A000"u8];
        AssertError(IsoErrorKind.BadDigit, 3, 14, Fail(payload, Dialects.CentralHost));
    }
}
