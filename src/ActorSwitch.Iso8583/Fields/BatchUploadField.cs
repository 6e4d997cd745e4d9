using System.Globalization;

namespace ActorSwitch.Iso8583;

/// <summary>F48 of a batch upload 0320: item count n2 (at most 8), then the 40-digit items.</summary>
public static class BatchUploadField
{
    public const int MaxItems = 8;

    public static string Format(IReadOnlyList<BatchUploadItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count is < 1 or > MaxItems)
            throw new ArgumentException($"A batch upload message carries 1 to {MaxItems} items.", nameof(items));
        Span<char> digits = stackalloc char[2 + MaxItems * BatchUploadItem.DigitLength];
        items.Count.TryFormat(digits, out _, "D2", CultureInfo.InvariantCulture);
        var position = 2;
        foreach (var item in items)
        {
            if (item.Pan.Length is < 1 or > 20 || item.Pan.AsSpan().ContainsAnyExceptInRange('0', '9'))
                throw new ArgumentException("An item's PAN is 1 to 20 digits.", nameof(items));
            var slot = digits.Slice(position, BatchUploadItem.DigitLength);
            item.CardOrganisation.TryFormat(slot[..2], out _, "D2", CultureInfo.InvariantCulture);
            item.Trace.TryFormat(slot.Slice(2, 6), out _, "D6", CultureInfo.InvariantCulture);
            slot.Slice(8, 20 - item.Pan.Length).Fill('0');
            item.Pan.CopyTo(slot[(28 - item.Pan.Length)..28]);
            if (!item.Amount.TryFormat(slot.Slice(28, 12), out var written, "D12", CultureInfo.InvariantCulture) || written != 12)
                throw new ArgumentException($"Amount {item.Amount} does not fit n12.", nameof(items));
            position += BatchUploadItem.DigitLength;
        }

        return new string(digits[..position]);
    }

    /// <summary>Reads the items back (to check a message, or to print it with the PANs masked).</summary>
    public static bool TryParse(ReadOnlySpan<char> digits, out BatchUploadItem[] items)
    {
        items = [];
        if (digits.Length < 2 || !int.TryParse(digits[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count is < 1 or > MaxItems || digits.Length != 2 + count * BatchUploadItem.DigitLength)
            return false;
        var parsed = new BatchUploadItem[count];
        for (var i = 0; i < count; i++)
        {
            var slot = digits.Slice(2 + i * BatchUploadItem.DigitLength, BatchUploadItem.DigitLength);
            if (!int.TryParse(slot[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var organisation)
                || !int.TryParse(slot.Slice(2, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var trace)
                || slot.Slice(8, 20).ContainsAnyExceptInRange('0', '9')
                || !long.TryParse(slot.Slice(28, 12), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
                return false;
            parsed[i] = new BatchUploadItem(organisation, trace, slot.Slice(8, 20).TrimStart('0').ToString(), amount);
        }

        items = parsed;
        return true;
    }
}
