namespace ActorSwitch.Security.Module;

/// <summary>
/// Documented keys for development and tests only. The module refuses both outside development mode,
/// and refuses any LMK whose components combine to the demo LMK.
/// </summary>
public static class DemoKeys
{
    /// <summary>The two components of the demo LMK (AES-256); their XOR is the demo LMK.</summary>
    public static IReadOnlyList<string> LmkComponents { get; } =
    [
        "0123456789ABCDEFFEDCBA98765432100123456789ABCDEFFEDCBA9876543210",
        "1111111111111111222222222222222233333333333333334444444444444444",
    ];

    /// <summary>
    /// The two components of the demo zone master key (AES-256) shared by the switch and the central
    /// platform (docs/interfaces/central.md); their XOR is the dev ZMK. Both sides load them with
    /// <c>LoadKeyFromComponents(KeySpecification.ZoneMasterKey, ...)</c> in development mode only.
    /// </summary>
    public static IReadOnlyList<string> ZoneMasterKeyComponents { get; } =
    [
        "5A1C7E39D2B08F46A3E91C05B7D26F848E03F1A96C2D57B0194E8A3FC6D1027B",
        "C3F0926D4E1B87A5290C6FD3B85E1A47D6F2093C84B1E57A0D6C39F2A8415E96",
    ];

    /// <summary>The demo key-loading device's KBPK: the AES-256 KBPK of the TR-31:2018 A.7.4 example.</summary>
    public const string KeyLoadingDeviceKbpk = "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";
}
