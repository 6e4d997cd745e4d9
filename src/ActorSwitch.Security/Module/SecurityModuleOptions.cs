using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.Module;

/// <summary>Start-up settings of the software security module.</summary>
public sealed record SecurityModuleOptions
{
    /// <summary>LMK components in hex (64 digits each), at least two, from different custodians.</summary>
    public required IReadOnlyList<string> LmkComponents { get; init; }

    /// <summary>
    /// Development mode allows the demo LMK and the demo key-loading-device KBPK. The host decides it
    /// (e.g. from its environment name); the library never reads the environment itself.
    /// </summary>
    public bool DevelopmentMode { get; init; }

    /// <summary>Random source of new keys and key block padding; replaced only by tests.</summary>
    public IRandomSource Random { get; init; } = SystemRandomSource.Instance;

    /// <summary>Most unwrapped keys kept in memory; beyond it entries are evicted and unwrapped again on use.</summary>
    public int KeyCacheCapacity { get; init; } = 100_000;

    /// <summary>Development settings with the documented demo LMK.</summary>
    public static SecurityModuleOptions Development() => new() { LmkComponents = DemoKeys.LmkComponents, DevelopmentMode = true };
}
