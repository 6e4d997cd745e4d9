using ActorSwitch.Iso8583;
namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// A card as presented at the terminal: its number, how it was read, what the reader got off it and the
/// PIN the cardholder types (null: no PIN entered). <see cref="ToString"/> never shows the PIN or tracks.
/// </summary>
public sealed record Card
{
    public Card(string pan)
    {
        ArgumentNullException.ThrowIfNull(pan);
        if (pan.Length is < 12 or > 19 || !pan.All(char.IsAsciiDigit))
            throw new ArgumentException("A card number is 12 to 19 digits.", nameof(pan));
        Pan = pan;
    }

    public string Pan { get; }

    public CardEntryMode EntryMode { get; init; } = CardEntryMode.Manual;

    /// <summary>Expiry YYMM (F14), or null when unknown.</summary>
    public string? Expiry { get; init; }

    /// <summary>Track 2 as read ('=' separator), sent in F35 when the entry mode is stripe.</summary>
    public string? Track2 { get; init; }

    /// <summary>Track 3 as read, sent in F36 when the entry mode is stripe.</summary>
    public string? Track3 { get; init; }

    /// <summary>The PIN the cardholder enters; null when none is asked for.</summary>
    public string? Pin { get; init; }

    /// <summary>Card sequence number (F23) of a chip card.</summary>
    public int? SequenceNumber { get; init; }

    /// <summary>A foreign card: its transactions count in the foreign settlement totals.</summary>
    public bool Foreign { get; init; }

    public override string ToString() => $"Card {PanMask.Mask(Pan)} ({EntryMode}{(Pin is null ? "" : ", PIN")})";
}
