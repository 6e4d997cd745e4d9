namespace ActorSwitch.PosSim.Terminal;

/// <summary>How a request names its original.</summary>
internal enum OriginalReference
{
    None,
    /// <summary>Voids: F37, F38 and F61 = original batch + trace.</summary>
    Void,
    /// <summary>Refund: F37 and F61 = original batch + trace + date.</summary>
    Refund,
    /// <summary>Pre-auth cancel and completion: F37, F38 and F61 = the pre-authorisation's batch + trace + date.</summary>
    PreAuthorization,
}
