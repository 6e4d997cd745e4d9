using System.Globalization;
using ActorSwitch.Iso8583;
using ActorSwitch.Security.Purse;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// Builds each request with exactly the fields section 4 lists for it (mandatory, and the conditional ones
/// that apply). The MAC is not set here: the writer adds F64 for the messages that carry one.
/// </summary>
internal sealed class RequestFactory(TerminalOptions options)
{
    private const string PurseEntryMode = "072"; // contactless, no PIN

    private readonly PosHeader _header = new(options.ApplicationType, options.SoftwareVersion, 0, 0, options.SubVersion);

    public IsoMessage SignOn(int trace, int batch) =>
        Management(800, trace, batch, (int)options.SignOnLayout, withOperator: true);

    public IsoMessage SignOff(int trace, int batch) => Management(820, trace, batch, NetworkCodes.SignOff, withOperator: false);

    public IsoMessage Echo(int trace, int batch) => Management(820, trace, batch, NetworkCodes.Echo, withOperator: false);

    public IsoMessage Financial(FinancialProfile profile, Card card, long amount, int trace, int batch,
        TransactionResult? original, string? authorizationCode, WorkingKeys keys)
    {
        var message = Start(profile.Mti);
        message.SetDigits(2, card.Pan);
        message.SetDigits(3, profile.ProcessingCode);
        if (profile.CarriesAmount)
            message.SetNumber(4, (ulong)amount);
        message.SetNumber(11, (ulong)trace);
        if (card.Expiry is not null)
            message.SetDigits(14, card.Expiry);

        // Advices are stored and forwarded: they never carry a PIN block or track data.
        var pin = profile.CardData == CardDataUse.Full ? card.Pin : null;
        message.SetDigits(22, EntryModeDigits(card.EntryMode, pin is not null));
        if (card.SequenceNumber is { } sequence)
            message.SetNumber(23, (ulong)sequence);
        message.SetDigits(25, profile.ConditionCode);
        if (pin is not null)
            SetPin(message, pin, card.Pan, keys);
        if (profile.CardData == CardDataUse.Full && card.EntryMode == CardEntryMode.Stripe)
        {
            if (card.Track2 is not null)
                message.SetDigits(35, card.Track2);
            if (card.Track3 is not null)
                message.SetDigits(36, card.Track3);
        }

        if (original is not null)
            SetOriginal(message, profile.Original, original);
        else if (profile.Original != OriginalReference.None)
            throw new ArgumentNullException(nameof(original), $"A {profile.Kind} names its original transaction.");
        if (authorizationCode is not null)
            message.SetAscii(38, authorizationCode);

        SetIdentity(message);
        message.SetAscii(49, options.Currency);
        SetField60(message, profile.TransactionType, batch, NetworkCodes.None);
        return message;
    }

    public IsoMessage PurseUpload(OfflinePurseRecord record, int trace, int batch)
    {
        var message = Start(320);
        message.SetDigits(3, "000000");
        message.SetNumber(4, record.Amount);
        message.SetNumber(11, (ulong)trace);
        message.SetDigits(22, PurseEntryMode);
        message.SetDigits(25, "00");
        SetIdentity(message);
        message.SetAscii(49, options.Currency);
        message.SetAscii(58, PurseRecordText.Format(record));
        SetField60(message, 36, batch, NetworkCodes.None);
        return message;
    }

    /// <summary>The original's key fields as sent (its trace and 60 included), F39 = the reason. No PIN, no tracks.</summary>
    public IsoMessage Reversal(TransactionResult original, ReversalReason reason)
    {
        var message = Start(400);
        foreach (var field in (ReadOnlySpan<int>)[2, 3, 4, 11, 14, 22, 23, 25])
            message.CopyFrom(original.Request, field);
        message.SetAscii(39, reason.Code());
        foreach (var field in (ReadOnlySpan<int>)[41, 42, 49, 60, 61])
            message.CopyFrom(original.Request, field);
        return message;
    }

    public IsoMessage Settlement(int trace, int batch, SettlementTotals totals)
    {
        var message = Start(500);
        message.SetNumber(11, (ulong)trace);
        SetIdentity(message);
        message.SetDigits(48, totals.ToField48());
        message.SetAscii(49, options.Currency);
        SetField60(message, 0, batch, NetworkCodes.Settlement);
        message.SetAscii(63, options.OperatorCode);
        return message;
    }

    public IsoMessage BatchUpload(int trace, int batch, IReadOnlyList<BatchUploadItem> items)
    {
        var message = Start(320);
        message.SetNumber(11, (ulong)trace);
        SetIdentity(message);
        message.SetDigits(48, BatchUploadField.Format(items));
        SetField60(message, 0, batch, NetworkCodes.BatchUpload);
        return message;
    }

    /// <summary>The end of a batch upload; F48 gives the number of detail records the batch holds (n4).</summary>
    public IsoMessage BatchUploadEnd(int trace, int batch, int recordCount, BatchUploadEnd end)
    {
        var message = Start(320);
        message.SetNumber(11, (ulong)trace);
        SetIdentity(message);
        message.SetDigits(48, recordCount.ToString("D4", CultureInfo.InvariantCulture));
        SetField60(message, 0, batch, (int)end);
        return message;
    }

    /// <summary>A fresh copy of a request sent before (same trace and content) for a repeat.</summary>
    public static IsoMessage CopyOf(IsoMessage sent)
    {
        var message = new IsoMessage(sent.Dialect) { Tpdu = sent.Tpdu, Header = sent.Header };
        message.SetMti(sent.Mti);
        for (var field = sent.NextField(1); field > 0; field = sent.NextField(field))
        {
            if (field != 64)
                message.CopyFrom(sent, field);
        }

        return message;
    }

    private IsoMessage Management(int mti, int trace, int batch, int networkCode, bool withOperator)
    {
        var message = Start(mti);
        message.SetNumber(11, (ulong)trace);
        SetIdentity(message);
        SetField60(message, 0, batch, networkCode);
        if (withOperator)
            message.SetAscii(63, options.OperatorCode);
        return message;
    }

    private IsoMessage Start(int mti)
    {
        var message = new IsoMessage(Dialects.UnionPayPos) { Tpdu = options.Tpdu, Header = _header };
        message.SetMti(mti);
        return message;
    }

    private void SetIdentity(IsoMessage message)
    {
        message.SetAscii(41, options.TerminalId);
        message.SetAscii(42, options.MerchantId);
    }

    private static void SetPin(IsoMessage message, string pin, string pan, WorkingKeys keys)
    {
        message.SetDigits(26, PinPad.CaptureCode);
        Span<byte> pinBlock = stackalloc byte[8];
        PinPad.EncryptPinBlock(keys.PinKey, pin, pan, pinBlock);
        message.SetBinary(52, pinBlock);
        pinBlock.Clear();
        message.SetDigits(53, PinPad.SecurityControlFor(keys.PinKey));
    }

    private static void SetOriginal(IsoMessage message, OriginalReference reference, TransactionResult original)
    {
        if (reference == OriginalReference.None)
            return;
        // The original's RRN and authorisation code exactly as its answer gave them; absent when it had none.
        if (original.Answer is { } answer)
        {
            message.CopyFrom(answer, 37);
            if (reference != OriginalReference.Refund)
                message.CopyFrom(answer, 38);
        }

        Span<char> digits = stackalloc char[16];
        original.Batch.TryFormat(digits, out _, "D6", CultureInfo.InvariantCulture);
        original.Trace.TryFormat(digits[6..], out _, "D6", CultureInfo.InvariantCulture);
        var withDate = reference != OriginalReference.Void;
        if (withDate)
        {
            if (original.TransactionDate is not { Length: 4 } date)
                throw new ArgumentException("The original has no transaction date (MMDD).", nameof(original));
            date.CopyTo(digits[12..]);
        }
        message.SetDigits(61, digits[..(withDate ? 16 : 12)]);
    }

    private static void SetField60(IsoMessage message, int transactionType, int batch, int networkCode)
    {
        Span<char> digits = stackalloc char[11];
        transactionType.TryFormat(digits, out _, "D2", CultureInfo.InvariantCulture);
        batch.TryFormat(digits[2..], out _, "D6", CultureInfo.InvariantCulture);
        networkCode.TryFormat(digits[8..], out _, "D3", CultureInfo.InvariantCulture);
        message.SetDigits(60, digits);
    }

    private static string EntryModeDigits(CardEntryMode mode, bool withPin) => (mode, withPin) switch
    {
        (CardEntryMode.Manual, true) => "011",
        (CardEntryMode.Manual, false) => "012",
        (CardEntryMode.Stripe, true) => "021",
        (CardEntryMode.Stripe, false) => "022",
        (CardEntryMode.Chip, true) => "051",
        (CardEntryMode.Chip, false) => "052",
        (CardEntryMode.Contactless, true) => "071",
        (CardEntryMode.Contactless, false) => "072",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not an entry mode of F22."),
    };
}
