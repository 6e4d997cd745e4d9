using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;

namespace ActorSwitch.PosSim.Tests.Terminal;

public sealed class SettlementTotalsTests
{
    [Fact]
    public void Field_48_is_62_digits_domestic_then_foreign_with_result_0()
    {
        var totals = new SettlementTotals(new CardTotals(123456, 3, 500, 1), new CardTotals(900, 1, 0, 0));

        var field = totals.ToField48();

        Assert.Equal(
            "000000123456" + "003" + "000000000500" + "001" + "0" +
            "000000000900" + "001" + "000000000000" + "000" + "0", field);
        Assert.Equal(62, field.Length);
    }

    [Fact]
    public void The_answer_field_48_gives_the_totals_back_with_both_result_digits()
    {
        var answer = "000000123456003000000000500001" + "2" + "000000000900001000000000000000" + "1";

        Assert.True(SettlementTotals.TryParseField48(answer, out var totals, out var domestic, out var foreign));

        Assert.Equal(new CardTotals(123456, 3, 500, 1), totals.Domestic);
        Assert.Equal(new CardTotals(900, 1, 0, 0), totals.Foreign);
        Assert.Equal(SettlementTotals.NotBalanced, domestic);
        Assert.Equal(SettlementTotals.Balanced, foreign);
        Assert.False(SettlementTotals.TryParseField48(answer.AsSpan(0, 61), out _, out _, out _));
    }

    [Fact]
    public void A_count_above_999_does_not_fit_and_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => new SettlementTotals(new CardTotals(1, 1000, 0, 0), default).ToField48());

    [Fact]
    public void The_journal_counts_debits_and_credits_as_the_spec_says()
    {
        var journal = new BatchJournal();
        var domestic = new Card("6212340000000000012");
        var foreign = new Card("4012345678901234") { Foreign = true };
        journal.Record(Result(TransactionKind.Purchase, 1, 1000, domestic));
        journal.Record(Result(TransactionKind.Purchase, 2, 2000, domestic, responseCode: "05"));      // declined: nowhere
        journal.Record(Result(TransactionKind.Purchase, 3, 700, domestic));                          // reversed below
        journal.Record(Result(TransactionKind.PurchaseVoid, 4, 1000, domestic));                     // credit; purchase 1 stays a debit
        journal.Record(Result(TransactionKind.Refund, 5, 300, domestic));
        journal.Record(Result(TransactionKind.PreAuthorizationCompletion, 6, 400, domestic));
        journal.Record(Result(TransactionKind.OfflineSettlement, 7, 250, domestic));
        journal.Record(Result(TransactionKind.PurseUpload, 8, 100, null));
        journal.Record(Result(TransactionKind.Purchase, 9, 900, foreign));
        journal.Record(Result(TransactionKind.PreAuthorization, 10, 5000, domestic));               // not a debit
        journal.Record(Result(TransactionKind.BalanceInquiry, 11, 0, domestic));
        journal.Record(Result(TransactionKind.Purchase, 12, 800, domestic, macStatus: MacStatus.Invalid)); // not trusted
        journal.Record(Result(TransactionKind.Purchase, 1, 1000, domestic));                         // a repeat: counted once
        journal.Reverse(TransactionKind.Purchase, 3);

        var totals = journal.Totals();

        Assert.Equal(new CardTotals(1000 + 400 + 250 + 100, 4, 1000 + 300, 2), totals.Domestic);
        Assert.Equal(new CardTotals(900, 1, 0, 0), totals.Foreign);
        Assert.Null(journal.Records.Single(record => record.Kind == TransactionKind.PurseUpload).Pan);
    }

    private static TransactionResult Result(TransactionKind kind, int trace, long amount, Card? card,
        string responseCode = "00", MacStatus macStatus = MacStatus.Valid) => new()
    {
        Kind = kind,
        Outcome = ExchangeOutcome.Answered,
        Request = new IsoMessage(Dialects.UnionPayPos),
        Card = card,
        Trace = trace,
        Amount = amount,
        ResponseCode = responseCode,
        AnswerMac = macStatus,
    };
}
