namespace ActorSwitch.Central.Tests.Support;

/// <summary>
/// The --dev cards: PAN = 621234, the serial in 12 digits, the Luhn digit; PIN 123456; 1,000,000.00 CNY.
/// Each test takes cards no other test uses, so tests sharing one simulator never see each other's postings.
/// </summary>
public static class TestCards
{
    public const string Pin = "123456";
    public const long OpeningFen = 100_000_000;
    private static int _nextSerial = 100;

    public static int NextSerial() => Interlocked.Increment(ref _nextSerial);

    public static string Pan(int serial)
    {
        var body = "621234" + serial.ToString("D12");
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            sum += digit;
        }
        return body + (char)('0' + (10 - sum % 10) % 10);
    }
}

/// <summary>Unique RRNs (an12) for one test run: a random prefix and a counter.</summary>
public static class Rrns
{
    private static readonly string Prefix = "T" + Convert.ToString(Random.Shared.Next(0x10000, 0xFFFFF), 16).ToUpperInvariant();
    private static int _counter;

    public static string Next() => Prefix + Interlocked.Increment(ref _counter).ToString("D6");
}
