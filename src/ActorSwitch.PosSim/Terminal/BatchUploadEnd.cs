namespace ActorSwitch.PosSim.Terminal;

/// <summary>60.3 of the 0320 that ends a batch upload.</summary>
public enum BatchUploadEnd
{
    /// <summary>202: after a settlement the switch found not balanced.</summary>
    AfterMismatch = 202,
    /// <summary>207: after a balanced settlement (M: less certain in the field).</summary>
    AfterMatch = 207,
}
