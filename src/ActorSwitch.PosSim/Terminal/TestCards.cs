using System.Globalization;
using ActorSwitch.Iso8583;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// The cards the centre simulator knows: PAN = "621234" + serial (1..10000) as 12 digits + Luhn check digit,
/// PIN 123456. E.g. serial 1 is 6212340000000000012.
/// </summary>
public static class TestCards
{
    public const string Bin = "621234";
    public const string Pin = "123456";
    public const int FirstSerial = 1;
    public const int LastSerial = 10000;
    /// <summary>Expiry given to the test cards (YYMM), far enough ahead never to trip an expiry check.</summary>
    public const string Expiry = "3012";

    public static string Pan(int serial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serial, FirstSerial);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, LastSerial);
        var payload = Bin + serial.ToString("D12", CultureInfo.InvariantCulture);
        return payload + Luhn.CheckDigit(payload);
    }

    /// <summary>The test card swiped (track 2 = PAN '=' expiry, service code 101) with its PIN entered.</summary>
    public static Card Swiped(int serial)
    {
        var pan = Pan(serial);
        return new Card(pan)
        {
            EntryMode = CardEntryMode.Stripe,
            Expiry = Expiry,
            Track2 = $"{pan}={Expiry}1010000000",
            Pin = Pin,
        };
    }

    /// <summary>The test card keyed in, with its expiry and PIN.</summary>
    public static Card Keyed(int serial) =>
        new(Pan(serial)) { EntryMode = CardEntryMode.Manual, Expiry = Expiry, Pin = Pin };
}
