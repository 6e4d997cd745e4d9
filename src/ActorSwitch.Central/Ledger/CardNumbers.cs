using ActorSwitch.Iso8583;

namespace ActorSwitch.Central.Ledger;

/// <summary>Card numbers: the development card scheme (Luhn and masking are the platform's, in ActorSwitch.Security.Pans).</summary>
public static class CardNumbers
{
    /// <summary>The issuer identification number of the development cards.</summary>
    public const string DevelopmentBin = "621234";

    /// <summary>Development card <paramref name="serial"/>: the BIN, the serial in 12 digits, the Luhn digit.</summary>
    public static string DevelopmentPan(int serial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serial, 1);
        var body = DevelopmentBin + serial.ToString("D12");
        return body + Luhn.CheckDigit(body);
    }

    public static bool PassesLuhn(ReadOnlySpan<char> pan) => Luhn.IsValid(pan);
}
