using ActorSwitch.Iso8583;
using ActorSwitch.Switch.Pos;

namespace ActorSwitch.Switch.Tests;

/// <summary>Every row of the transaction tables of pos-interface.md section 4.</summary>
public sealed class PosMessageKindTests
{
    private static IsoMessage Message(int mti, string? f3, string? f25, string f60)
    {
        var m = new IsoMessage(Dialects.UnionPayPos);
        m.SetMti(mti);
        if (f3 is not null) m.SetDigits(3, f3);
        if (f25 is not null) m.SetDigits(25, f25);
        m.SetDigits(60, f60);
        return m;
    }

    [Theory]
    [InlineData(200, "310000", "00", "01", PosMessageKind.BalanceInquiry)]
    [InlineData(100, "030000", "06", "10", PosMessageKind.PreAuthorisation)]
    [InlineData(100, "200000", "06", "11", PosMessageKind.PreAuthorisationCancel)]
    [InlineData(200, "000000", "06", "20", PosMessageKind.PreAuthorisationCompletion)]
    [InlineData(200, "200000", "06", "21", PosMessageKind.PreAuthorisationCompletionVoid)]
    [InlineData(200, "000000", "00", "22", PosMessageKind.Purchase)]
    [InlineData(200, "200000", "00", "23", PosMessageKind.PurchaseVoid)]
    [InlineData(220, "200000", "00", "25", PosMessageKind.Refund)]
    [InlineData(220, "000000", "00", "30", PosMessageKind.OfflineSettlement)]
    [InlineData(320, "000000", "00", "36", PosMessageKind.OfflinePurseUpload)]
    [InlineData(400, "000000", "00", "22", PosMessageKind.Reversal)]
    [InlineData(400, "030000", "06", "10", PosMessageKind.Reversal)]
    [InlineData(400, "310000", "00", "01", PosMessageKind.Unknown)] // a balance inquiry may not be reversed
    [InlineData(400, "200000", "00", "25", PosMessageKind.Unknown)] // nor a refund
    [InlineData(200, "000000", "99", "26", PosMessageKind.Unknown)] // frame D's acquirer-specific values
    public void Financial_rows(int mti, string f3, string f25, string type, PosMessageKind expected)
    {
        Assert.Equal(expected, PosMessageKinds.Classify(Message(mti, f3, f25, type + "000001")));
    }

    [Theory]
    [InlineData(800, "001", PosMessageKind.SignOn)]
    [InlineData(800, "003", PosMessageKind.SignOn)]
    [InlineData(800, "004", PosMessageKind.SignOn)]
    [InlineData(820, "002", PosMessageKind.SignOff)]
    [InlineData(820, "301", PosMessageKind.Echo)]
    [InlineData(800, "360", PosMessageKind.ParameterDownload)]
    [InlineData(820, "362", PosMessageKind.StatusUpload)]
    [InlineData(800, "370", PosMessageKind.IcKeyDownload)]
    [InlineData(800, "380", PosMessageKind.IcParameterDownload)]
    [InlineData(800, "390", PosMessageKind.BlacklistDownload)]
    [InlineData(500, "201", PosMessageKind.BatchSettlement)]
    [InlineData(320, "201", PosMessageKind.BatchUpload)]
    [InlineData(320, "203", PosMessageKind.BatchUpload)]
    [InlineData(320, "202", PosMessageKind.BatchUploadEnd)]
    [InlineData(320, "207", PosMessageKind.BatchUploadEnd)]
    [InlineData(800, "999", PosMessageKind.Unknown)]
    public void Management_rows(int mti, string netMgmt, PosMessageKind expected)
    {
        Assert.Equal(expected, PosMessageKinds.Classify(Message(mti, null, null, "00000001" + netMgmt)));
    }

    [Fact]
    public void A_purchase_missing_its_amount_names_F4()
    {
        var m = Message(200, "000000", "00", "22000001");
        foreach (var (field, value) in new[] { (2, "6212340000000000012"), (11, "000001"), (22, "051"), (49, "") })
            if (field == 49) m.SetAscii(49, "156"); else m.SetDigits(field, value);
        m.SetAscii(41, "50080001");
        m.SetAscii(42, "309310083985008");
        m.SetBinary(64, new byte[8]);
        Assert.Equal(4, RequiredFields.FirstMissing(m, PosMessageKind.Purchase));

        m.SetDigits(4, "000000001234");
        // F22 = 051: IC card with PIN entered, so the PIN fields become mandatory.
        Assert.Equal(26, RequiredFields.FirstMissing(m, PosMessageKind.Purchase));
        m.SetDigits(26, "06");
        m.SetBinary(52, new byte[8]);
        m.SetDigits(53, "2600000000000000");
        Assert.Equal(0, RequiredFields.FirstMissing(m, PosMessageKind.Purchase));

        m.SetDigits(22, "021"); // stripe: expiry and track 2 now required
        Assert.Equal(14, RequiredFields.FirstMissing(m, PosMessageKind.Purchase));
    }
}
