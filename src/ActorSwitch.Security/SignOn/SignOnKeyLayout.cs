namespace ActorSwitch.Security.SignOn;

/// <summary>The sign-on working-key layouts of F62, named by their network management code (60.3).</summary>
public enum SignOnKeyLayout
{
    /// <summary>001: single-length PIK and MAK, 24 bytes (legacy single DES).</summary>
    SingleLength = 1,
    /// <summary>003: double-length PIK and a MAK slot of 16 bytes, 40 bytes.</summary>
    DoubleLength = 3,
    /// <summary>004: as 003, then a double-length track data key, 60 bytes.</summary>
    DoubleLengthWithTrackKey = 4,
}
