using ActorSwitch.Central.Ledger;
using ActorSwitch.Security.Module;

namespace ActorSwitch.Central.Security;

/// <summary>
/// The centre's own security module and the keys it keeps: the zone master key shared with the
/// acquirers, the PIN verification key its cards' PVVs are made under, and the data key of PAN tokens.
/// The PVK and data key are created once per ledger and kept in it as TR-31 blocks under the LMK (the
/// only form in which a key is ever stored), so that PVVs and tokens stay valid across restarts.
/// </summary>
public sealed class CentreKeys
{
    public const int PvkIndex = 1;
    private const string PvkMetaKey = "pin-verification-key";
    private const string DataKeyMetaKey = "pan-data-key";

    private CentreKeys(ISecurityModule module, KeyHandle zoneMasterKey, string zoneMasterKeyCheckValue,
        KeyHandle pinVerificationKey, KeyHandle panDataKey)
    {
        Module = module;
        ZoneMasterKey = zoneMasterKey;
        ZoneMasterKeyCheckValue = zoneMasterKeyCheckValue;
        PinVerificationKey = pinVerificationKey;
        PanDataKey = panDataKey;
    }

    public ISecurityModule Module { get; }
    public KeyHandle ZoneMasterKey { get; }
    public string ZoneMasterKeyCheckValue { get; }
    public KeyHandle PinVerificationKey { get; }
    public KeyHandle PanDataKey { get; }

    /// <summary>
    /// Development mode: the demo LMK and the demo ZMK components of <see cref="DemoKeys"/>. Otherwise the
    /// components come from the environment, and the demo ZMK is refused.
    /// </summary>
    public static CentreKeys Open(bool development, LedgerStore store, Func<string, string?> environment)
    {
        var lmk = development ? DemoKeys.LmkComponents : Components(environment, "CENTRAL_LMK_COMPONENTS");
        var zmkComponents = development ? DemoKeys.ZoneMasterKeyComponents : Components(environment, "CENTRAL_ZMK_COMPONENTS");
        var module = new SoftwareSecurityModule(new SecurityModuleOptions { LmkComponents = lmk, DevelopmentMode = development });
        var zmk = module.LoadKeyFromComponents(KeySpecification.ZoneMasterKey, zmkComponents);
        if (!development && zmk.CheckValue == DemoZoneMasterKeyCheckValue())
            throw new InvalidOperationException("The demo zone master key is refused outside development mode (--dev).");
        var pvk = StoredOrNew(module, store, PvkMetaKey, KeySpecification.PinVerificationKey);
        var dataKey = StoredOrNew(module, store, DataKeyMetaKey, KeySpecification.PanDataKey);
        return new CentreKeys(module, zmk.Key, zmk.CheckValue, pvk, dataKey);
    }

    private static KeyHandle StoredOrNew(ISecurityModule module, LedgerStore store, string name, KeySpecification specification)
    {
        if (store.GetMeta(name) is { } block)
        {
            var handle = KeyHandle.FromKeyBlock(block);
            module.CheckValue(handle); // verifies the block under this LMK now, not at the first transaction
            return handle;
        }
        var key = module.GenerateKey(specification);
        store.SetMeta(name, key.KeyBlock);
        return key;
    }

    private static string DemoZoneMasterKeyCheckValue()
    {
        var development = new SoftwareSecurityModule(SecurityModuleOptions.Development());
        return development.LoadKeyFromComponents(KeySpecification.ZoneMasterKey, DemoKeys.ZoneMasterKeyComponents).CheckValue;
    }

    private static string[] Components(Func<string, string?> environment, string variable)
    {
        var value = environment(variable);
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException($"{variable} is not set: outside --dev the key components come from it (comma-separated hex).");
        return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
