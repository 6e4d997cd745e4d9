namespace ActorSwitch.PosSim.Terminal;

/// <summary>How the card number was read: the first two digits of F22.</summary>
public enum CardEntryMode
{
    Manual = 1,
    Stripe = 2,
    Chip = 5,
    Contactless = 7,
}
