using ActorSwitch.Iso8583;
using ActorSwitch.Switch.EndOfDay;
using ActorSwitch.Switch.Pos;
using ActorSwitch.Switch.Terminals;

namespace ActorSwitch.Switch.Tests;

/// <summary>The pure parts of end of day: collection from journal events, the day file, reconciliation, clearing.</summary>
public sealed class EndOfDayComputationTests
{
    private static readonly DateOnly Day = new(2026, 11, 26);
    private static readonly DateTimeOffset At = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);

    private static TransactionRecord Record(string rrn, PosMessageKind kind, long amount, DateOnly? date = null, string? original = null) =>
        new(rrn, kind, 200, 1, int.Parse(rrn[^3..]), "tok", "", "621234******0012", amount, 0, 21, 0, At, date ?? Day, original);

    private static DayTransaction Day_(string rrn, string merchant, TotalsSide side, long amount) =>
        new(rrn, merchant, "10000001", side == TotalsSide.Debit ? "purchase" : "refund", side, amount, "621234******0012", 1, 1, Day, "", "", "");

    [Fact]
    public void Collection_counts_approved_debits_and_credits_of_the_day_only()
    {
        var c = new DayCollector(Day);
        void Approve(string pid, TransactionRecord r)
        {
            c.Add(pid, new TransactionStarted(r));
            c.Add(pid, new TransactionCompleted(r.Rrn, "00", "123456", null));
        }
        Approve("terminal-M1:T1", Record("000000000001", PosMessageKind.Purchase, 1000));
        Approve("terminal-M1:T1", Record("000000000002", PosMessageKind.PurchaseVoid, 1000, original: "000000000001"));
        Approve("terminal-M1:T1", Record("000000000003", PosMessageKind.Purchase, 500));
        c.Add("terminal-M1:T1", new TransactionReversed("000000000003", 9, 1, "98", At));            // reversed: nowhere
        c.Add("terminal-M2:T2", new TransactionStarted(Record("000000000004", PosMessageKind.Purchase, 700)));
        c.Add("terminal-M2:T2", new TransactionCompleted("000000000004", "51", null, null));          // declined
        c.Add("terminal-M2:T2", new TransactionStarted(Record("000000000005", PosMessageKind.Purchase, 800)));
        c.Add("terminal-M2:T2", new TransactionTimedOut("000000000005"));                             // timed out
        Approve("terminal-M2:T2", Record("000000000006", PosMessageKind.BalanceInquiry, 0));          // neither side
        Approve("terminal-M2:T2", Record("000000000007", PosMessageKind.Purchase, 900, Day.AddDays(1))); // next day
        Approve("terminal-M2:T2", Record("000000000008", PosMessageKind.OfflinePurseUpload, 300));
        c.Add("terminal-M2:T2", new PurseRecordAccepted("000000000008", "REC"));

        var day = c.Result();
        Assert.Equal(["000000000001", "000000000002", "000000000008"], day.Select(t => t.Rrn));
        Assert.Equal(("M1", "T1", TotalsSide.Debit), (day[0].MerchantId, day[0].TerminalId, day[0].Side));
        Assert.Equal(TotalsSide.Credit, day[1].Side);
        Assert.Equal(("purse", "REC"), (day[2].Transaction, day[2].PurseRecord));
    }

    [Fact]
    public void The_day_file_is_deterministic_and_its_trailer_carries_counts_amounts_and_the_checksum()
    {
        var transactions = new[] { Day_("000000000001", "M1", TotalsSide.Debit, 1000), Day_("000000000002", "M1", TotalsSide.Credit, 250) };
        var file = DayFile.Write(Day, "48020000", transactions);
        Assert.Equal(file, DayFile.Write(Day, "48020000", transactions));
        var lines = file.TrimEnd('\n').Split('\n');
        var body = string.Join("", lines[..^1].Select(l => l + "\n"));
        Assert.Equal($"TRAILER,2026-11-26,48020000,2,1,1000,1,250,{DayFile.Sha256(body)}", lines[^1]);
        Assert.Equal(DayFile.Header, lines[0]);
    }

    [Theory]
    [InlineData(10_000, 60, 60)]
    [InlineData(12_345, 60, 74)]   // 74.07
    [InlineData(25, 2_000, 5)]     // 5.0
    [InlineData(1_250, 60, 8)]     // 7.5 rounds half up
    [InlineData(1_249, 60, 7)]     // 7.494
    [InlineData(0, 60, 0)]
    public void The_fee_is_basis_points_of_gross_debits_rounded_half_up(long debits, int bp, long fee) =>
        Assert.Equal(fee, MerchantClearing.Fee(debits, bp));

    [Fact]
    public void Clearing_is_per_merchant_once_per_day_in_merchant_order()
    {
        var lines = MerchantClearing.Compute(
            [Day_("3", "M2", TotalsSide.Debit, 1_250), Day_("1", "M1", TotalsSide.Debit, 625), Day_("2", "M1", TotalsSide.Debit, 625),
             Day_("4", "M1", TotalsSide.Credit, 100)],
            m => 60);
        Assert.Equal(["M1", "M2"], lines.Select(l => l.MerchantId));
        // M1: 1250 of debits: fee 7.5 -> 8 (once per day, not 4 + 4 per transaction)
        Assert.Equal(new MerchantClearingLine("M1", 2, 1_250, 1, 100, 60, 8, 1_250 - 100 - 8), lines[0]);
        Assert.Equal(new MerchantClearingLine("M2", 1, 1_250, 0, 0, 60, 8, 1_242), lines[1]);
    }

    [Fact]
    public void Reconciliation_lists_matched_only_ours_only_centre_and_amount_mismatches()
    {
        const string centre = """
            record,rrn,acquirer,mti,transaction,processing_code,merchant_id,terminal_id,masked_pan,amount_fen,response_code,auth_code,settlement_date,reversed,original_rrn
            transaction,000000000001,48020000,0200,purchase,000000,M1,T1,621234******0012,1000,00,123456,2026-11-26,0,
            transaction,000000000002,48020000,0200,purchase,000000,M1,T1,621234******0012,999,00,123456,2026-11-26,0,
            transaction,000000000005,48020000,0200,purchase,000000,M1,T1,621234******0012,700,00,123456,2026-11-26,0,
            transaction,000000000006,48020000,0200,purchase,000000,M1,T1,621234******0012,700,00,123456,2026-11-26,1,
            reversal,000000000006,48020000,0420,purchase,000000,M1,T1,621234******0012,700,00,123456,2026-11-26,1,
            transaction,000000000007,48020000,0200,purchase,000000,M1,T1,621234******0012,700,51,,2026-11-26,0,
            transaction,000000000008,48020000,0200,balance-inquiry,310000,M1,T1,621234******0012,0,00,,2026-11-26,0,
            transaction,000000000009,99990000,0200,purchase,000000,M1,T1,621234******0012,700,00,1,2026-11-26,0,
            """;
        var rows = Reconciliation.ParseCentreFile(centre.Replace("\r", ""), "48020000");
        Assert.Equal(["000000000001", "000000000002", "000000000005"], rows.Select(r => r.Rrn));

        var lines = Reconciliation.Reconcile(
            [Day_("000000000001", "M1", TotalsSide.Debit, 1000), Day_("000000000002", "M1", TotalsSide.Debit, 1000),
             Day_("000000000003", "M1", TotalsSide.Debit, 50)], rows);
        Assert.Equal(
            [("000000000001", "matched"), ("000000000002", "amount-mismatch"), ("000000000003", "only-ours"), ("000000000005", "only-centre")],
            lines.Select(l => (l.Rrn, l.Status)));
        Assert.Equal((1000L, 999L), (lines[1].OurAmountFen!.Value, lines[1].CentreAmountFen!.Value));
    }

    [Fact]
    public void Reports_are_the_same_bytes_apart_from_the_generation_timestamp()
    {
        var t = new[] { Day_("000000000001", "M1", TotalsSide.Debit, 1000) };
        var r = Reconciliation.Reconcile(t, []);
        var c = MerchantClearing.Compute(t, _ => 60);
        var a = Directory.CreateTempSubdirectory("eod-a-").FullName;
        var b = Directory.CreateTempSubdirectory("eod-b-").FullName;
        EndOfDayReports.Write(a, Day, At, t, r, c);
        EndOfDayReports.Write(b, Day, At.AddHours(1), t, r, c);
        foreach (var name in EndOfDayReports.Names)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(a, name + ".csv")), File.ReadAllText(Path.Combine(b, name + ".csv")));
            Assert.NotEqual(File.ReadAllText(Path.Combine(a, name + ".json")), File.ReadAllText(Path.Combine(b, name + ".json")));
        }
        Assert.DoesNotContain("6212340000000000012", File.ReadAllText(Path.Combine(a, "transactions.json")));
    }
}
