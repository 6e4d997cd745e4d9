namespace ActorSwitch.PosSim.Terminal;

/// <summary>Which card data a request carries.</summary>
internal enum CardDataUse
{
    /// <summary>PAN, expiry, entry mode, tracks when swiped, PIN fields when a PIN is entered.</summary>
    Full,
    /// <summary>Advices (stored and forwarded): PAN, expiry and entry mode only, never track data or PIN.</summary>
    Advice,
}
