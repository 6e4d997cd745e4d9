using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Module;

namespace ActorSwitch.Node.Hosting;

/// <summary>
/// The node's security module and the long-lived keys it holds handles of. Outside development mode
/// every key comes from custodians' components; the demo keys are refused there by the module itself.
/// </summary>
public sealed class PlatformKeys
{
    private static readonly KeySpecification KeyBlockProtectionKey =
        new(KeyUsage.KeyBlockProtection, KeyAlgorithm.Aes, KeyModeOfUse.Both, 32);

    private PlatformKeys(SoftwareSecurityModule security, KeyHandle kbpk, KeyHandle panDataKey, KeyHandle zoneMasterKey, KeyHandle tacMasterKey)
    {
        TacMasterKey = tacMasterKey;
        Security = security;
        KeyLoadingDeviceKbpk = kbpk;
        PanDataKey = panDataKey;
        ZoneMasterKey = zoneMasterKey;
    }

    public SoftwareSecurityModule Security { get; }
    public KeyHandle KeyLoadingDeviceKbpk { get; }
    public KeyHandle PanDataKey { get; }
    public KeyHandle ZoneMasterKey { get; }
    public KeyHandle TacMasterKey { get; }

    public static PlatformKeys Load(PlatformConfig config, ILogger log)
    {
        var dev = config.Options.Dev;
        var security = new SoftwareSecurityModule(dev
            ? SecurityModuleOptions.Development()
            : new SecurityModuleOptions { LmkComponents = config.KeyComponents("lmk-components"), DevelopmentMode = false });
        log.LogInformation("Security module: LMK check value {Kcv}, component check values {Components}{Demo}",
            security.LmkCheckValue, string.Join(", ", security.LmkComponentCheckValues), dev ? " (demo LMK, development mode)" : "");

        var kbpk = dev
            ? security.LoadDemoKeyLoadingDeviceKbpk()
            : FromComponents(security, KeyBlockProtectionKey, config.KeyComponents("key-loading-device-kbpk-components"), "key-loading device KBPK", log);
        var panKey = FromComponents(security, KeySpecification.PanDataKey, config.KeyComponents("pan-data-key-components"), "PAN data key", log);
        var zmk = FromComponents(security, KeySpecification.ZoneMasterKey,
            dev ? DemoKeys.ZoneMasterKeyComponents : config.KeyComponents("zone-master-key-components"), "zone master key", log);
        var tac = FromComponents(security, KeySpecification.PurseMasterKey, config.KeyComponents("tac-master-key-components"), "TAC master key", log);
        return new PlatformKeys(security, kbpk, panKey, zmk, tac);
    }

    private static KeyHandle FromComponents(ISecurityModule security, KeySpecification spec, IReadOnlyList<string> components,
        string name, ILogger log)
    {
        var loaded = security.LoadKeyFromComponents(spec, components);
        log.LogInformation("Security module: {Name} loaded from {Count} components, check value {Kcv} (components {Components})",
            name, components.Count, loaded.CheckValue, string.Join(", ", loaded.ComponentCheckValues));
        return loaded.Key;
    }
}
