using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;

namespace ActorSwitch.PosSim.Tests.Terminal;

public sealed class BatchUploadFieldTests
{
    [Fact]
    public void Items_are_count_then_organisation_trace_pan_right_aligned_and_amount()
    {
        BatchUploadItem[] items =
        [
            new(0, 12, "6212340000000000012", 1234),
            new(1, 999_999, "4012345678901234", 1),
        ];

        var field = BatchUploadField.Format(items);

        Assert.Equal("02"
            + "00" + "000012" + "06212340000000000012" + "000000001234"
            + "01" + "999999" + "00004012345678901234" + "000000000001", field);
        Assert.True(BatchUploadField.TryParse(field, out var parsed));
        Assert.Equal(items, parsed);
    }

    [Fact]
    public void A_message_carries_one_to_eight_items() =>
        Assert.Throws<ArgumentException>(() => BatchUploadField.Format(Enumerable.Repeat(new BatchUploadItem(0, 1, "6212340000000000012", 1), 9).ToArray()));

    [Fact]
    public void An_item_comes_from_a_card_record_and_prints_masked()
    {
        var item = new BatchRecord(TransactionKind.Purchase, 7, "6212340000000000012", 500, Foreign: true, TotalsSide.Debit).ToUploadItem();

        Assert.Equal(new BatchUploadItem(1, 7, "6212340000000000012", 500), item);
        Assert.Equal("01 000007 621234*********0012 000000000500", item.ToString());
        Assert.Throws<InvalidOperationException>(() => new BatchRecord(TransactionKind.PurseUpload, 8, null, 1, false, TotalsSide.Debit).ToUploadItem());
    }
}
