using ActorSwitch.PosSim.Terminal;
using CsCheck;
using ActorSwitch.Iso8583;

namespace ActorSwitch.PosSim.Tests.Terminal;

public sealed class CardNumberTests
{
    [Theory]
    [InlineData(1, "6212340000000000012")]
    [InlineData(2, "6212340000000000020")]
    [InlineData(10000, "6212340000000100002")]
    public void Test_card_pans_are_the_bin_the_serial_and_the_luhn_digit(int serial, string pan)
    {
        Assert.Equal(pan, TestCards.Pan(serial));
        Assert.True(Luhn.IsValid(pan));
    }

    [Fact]
    public void Every_test_card_pan_passes_luhn_and_a_changed_digit_fails_it() =>
        Gen.Int[TestCards.FirstSerial, TestCards.LastSerial].Select(Gen.Int[0, 18], Gen.Int[1, 9]).Sample((serial, position, delta) =>
        {
            var pan = TestCards.Pan(serial).ToCharArray();
            Assert.True(Luhn.IsValid(pan));
            pan[position] = (char)('0' + (pan[position] - '0' + delta) % 10);
            Assert.False(Luhn.IsValid(pan)); // Luhn catches every single-digit error
        });

    [Theory]
    [InlineData(0)]
    [InlineData(10001)]
    public void Serials_outside_the_centre_range_are_refused(int serial) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TestCards.Pan(serial));

    [Fact]
    public void A_swiped_test_card_carries_track_2_expiry_and_pin_but_never_prints_them()
    {
        var card = TestCards.Swiped(1);

        Assert.Equal(CardEntryMode.Stripe, card.EntryMode);
        Assert.Equal("6212340000000000012=30121010000000", card.Track2);
        Assert.Equal("123456", card.Pin);
        Assert.Equal("Card 621234*********0012 (Stripe, PIN)", card.ToString());
    }

    [Theory]
    [InlineData("6212340000000000012", "621234*********0012")]
    [InlineData("6212345678901234", "621234******1234")]
    [InlineData("62123456789", "621234*6789")]
    [InlineData("1234567890", "******7890")]
    [InlineData("12345", "*2345")]
    [InlineData("", "")]
    public void Pans_are_masked_keeping_the_first_6_and_last_4(string pan, string masked) =>
        Assert.Equal(masked, PanMask.Mask(pan));

    [Fact]
    public void Trace_numbers_run_from_1_to_999999_and_wrap_to_1()
    {
        var trace = new TraceCounter(999_998);
        Assert.Equal(999_999, trace.Next());
        Assert.Equal(1, trace.Next());
        Assert.Equal(2, trace.Next());
        Assert.Equal(1, new TraceCounter().Next());
        Assert.Equal(1, BatchNumber.Next(999_999));
        Assert.Equal(43, BatchNumber.Next(42));
    }
}
