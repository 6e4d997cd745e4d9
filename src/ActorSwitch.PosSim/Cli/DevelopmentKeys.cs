namespace ActorSwitch.PosSim.Cli;

/// <summary>The documented demo keys, accepted with --dev only (never in production).</summary>
internal static class DevelopmentKeys
{
    /// <summary>The key-loading device's KBPK in development mode: the AES-256 key of TR-31 vector A.7.4.</summary>
    public const string KeyLoadingDeviceKbpk = "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";

    /// <summary>The issuer's purse TAC master key in development mode.</summary>
    public const string PurseTacMasterKey = "DAC2715F15C1406DF32EE69ED4F8462E";
}
