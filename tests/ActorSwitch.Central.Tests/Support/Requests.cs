using System.Globalization;
using ActorSwitch.Iso8583;
using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.Module;
using ActorSwitch.Security.Pins;

namespace ActorSwitch.Central.Tests.Support;

/// <summary>Builds the financial requests of central.md as the switch sends them.</summary>
public static class Requests
{
    public static IsoMessage Purchase(string pan, long amountFen, string rrn, byte[]? pinBlock = null) =>
        Financial(200, pan, "000000", amountFen, 0, 22, rrn, pinBlock);

    public static IsoMessage PurchaseVoid(string pan, long amountFen, string rrn, string originalRrn) =>
        Financial(200, pan, "200000", amountFen, 0, 23, rrn, originalRrn: originalRrn);

    public static IsoMessage Refund(string pan, long amountFen, string rrn, string? originalRrn) =>
        Financial(220, pan, "200000", amountFen, 0, 25, rrn, originalRrn: originalRrn);

    public static IsoMessage BalanceInquiry(string pan, string rrn, byte[]? pinBlock = null) =>
        Financial(200, pan, "310000", null, 0, 1, rrn, pinBlock);

    public static IsoMessage PreAuthorization(string pan, long amountFen, string rrn) =>
        Financial(100, pan, "030000", amountFen, 6, 10, rrn);

    public static IsoMessage PreAuthorizationCancel(string pan, long amountFen, string rrn, string originalRrn) =>
        Financial(100, pan, "200000", amountFen, 6, 11, rrn, originalRrn: originalRrn);

    public static IsoMessage Completion(string pan, long amountFen, string rrn, string originalRrn) =>
        Financial(200, pan, "000000", amountFen, 6, 20, rrn, originalRrn: originalRrn);

    public static IsoMessage CompletionVoid(string pan, long amountFen, string rrn, string originalRrn) =>
        Financial(200, pan, "200000", amountFen, 6, 21, rrn, originalRrn: originalRrn);

    /// <summary>The reversal of <paramref name="original"/>: 0420 (0421 on a retry) with its F2, F3, F4, F37, F90.</summary>
    public static IsoMessage Reversal(IsoMessage original, bool retry = false)
    {
        var m = new IsoMessage(Dialects.CentralHost);
        m.SetMti(retry ? 421 : 420);
        foreach (var field in (ReadOnlySpan<int>)[2, 3, 4, 18, 22, 25, 32, 33, 37, 41, 42, 49, 60, 100])
            if (original.Has(field)) m.CopyFrom(original, field);
        SetTransmission(m);
        m.SetNumber(11, (ulong)CentralClient.NextTrace());
        original.TryGetUInt64(11, out var trace);
        var acquirer = CentralClient.Acquirer.PadLeft(11, '0');
        m.SetDigits(90, $"{original.Mti:D4}{trace:D6}{original.GetAscii(7)}{acquirer}{acquirer}");
        m.SetAscii(39, "98"); // reason: no answer from the centre
        return m;
    }

    public static IsoMessage Financial(int mti, string pan, string processingCode, long? amountFen, int condition, int type,
        string rrn, byte[]? pinBlock = null, string? originalRrn = null)
    {
        var m = new IsoMessage(Dialects.CentralHost);
        m.SetMti(mti);
        m.SetDigits(2, pan);
        m.SetDigits(3, processingCode);
        if (amountFen is { } amount) m.SetNumber(4, (ulong)amount);
        SetTransmission(m);
        m.SetNumber(11, (ulong)CentralClient.NextTrace());
        m.SetDigits(12, DateTime.Now.ToString("HHmmss", CultureInfo.InvariantCulture));
        m.SetDigits(13, DateTime.Now.ToString("MMdd", CultureInfo.InvariantCulture));
        m.SetDigits(18, "5411");
        m.SetDigits(22, pinBlock is null ? "022" : "021");
        m.SetNumber(25, (ulong)condition);
        m.SetDigits(32, CentralClient.Acquirer);
        m.SetDigits(33, CentralClient.Acquirer);
        m.SetAscii(37, rrn);
        m.SetAscii(41, "50080001");
        m.SetAscii(42, "309310083985008");
        m.SetAscii(49, "156");
        if (pinBlock is not null)
        {
            m.SetBinary(52, pinBlock);
            m.SetDigits(53, "2600000000000000");
        }
        m.SetAscii(60, $"{type:D2}000001");
        if (originalRrn is not null) m.SetAscii(61, originalRrn);
        m.SetDigits(100, CentralClient.Centre);
        return m;
    }

    private static void SetTransmission(IsoMessage m) =>
        m.SetDigits(7, DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture));
}

/// <summary>
/// A PIN pad for the tests: a terminal PIN key the test knows in clear (two components), an ISO format 0
/// block encrypted under it, translated to the client's ZPK inside the client's security module, as the
/// switch translates a terminal's PIN block.
/// </summary>
public static class PinPad
{
    private static readonly string[] TerminalPinKeyComponents =
        ["0123456789ABCDEF0123456789ABCDEF", "1111111111111111FEDCBA9876543210"];

    public static byte[] PinBlockUnderZpk(CentralClient client, string pan, string pin)
    {
        var module = client.Module;
        var terminalPinKey = module.LoadKeyFromComponents(KeySpecification.ZonePinKey, TerminalPinKeyComponents).Key;
        var clearKey = Convert.FromHexString(TerminalPinKeyComponents[0]);
        var second = Convert.FromHexString(TerminalPinKeyComponents[1]);
        for (var i = 0; i < clearKey.Length; i++) clearKey[i] ^= second[i];

        var clearBlock = new byte[8];
        Assert.Equal(PinBlockError.None, IsoFormat0PinBlock.Build(pin, pan, clearBlock));
        var underTerminalKey = new byte[8];
        new DesCipher(clearKey).EncryptBlock(clearBlock, underTerminalKey);
        var underZpk = new byte[8];
        Assert.Equal(PinBlockError.None, module.TranslatePinBlock(terminalPinKey, client.PinKey!, underTerminalKey, pan, underZpk));
        return underZpk;
    }

    /// <summary>Eight bytes that decode to no valid format 0 block under any key (in all likelihood): for 99.</summary>
    public static byte[] Garbage() => [0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04];
}
