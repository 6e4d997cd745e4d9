using ActorSwitch.Central.Security;
using ActorSwitch.Iso8583;

namespace ActorSwitch.Central.Ledger;

/// <summary>
/// The --dev card set: 10,000 cards, serials 1 to 10000, PIN 123456, opening balance 1,000,000.00 CNY
/// each. Issued once into an empty ledger; the PIN is turned into a PVV inside the security module and
/// the PAN into a token, and neither is kept.
/// </summary>
public static class DevelopmentCards
{
    public const int Count = 10_000;
    public const string Pin = "123456";
    public const long OpeningBalanceFen = 100_000_000;

    public static int IssueIfEmpty(LedgerStore store, CentreKeys keys)
    {
        if (store.CountCards() > 0) return 0;
        var cards = new List<IssuedCard>(Count);
        for (var serial = 1; serial <= Count; serial++)
        {
            var pan = CardNumbers.DevelopmentPan(serial);
            cards.Add(new IssuedCard(serial, keys.Module.TokenizePan(keys.PanDataKey, pan), PanMask.Mask(pan),
                keys.Module.IssuePinVerificationValue(keys.PinVerificationKey, CentreKeys.PvkIndex, pan, Pin),
                CentreKeys.PvkIndex, OpeningBalanceFen));
        }
        store.IssueCards(cards);
        return Count;
    }
}
