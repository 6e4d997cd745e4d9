using ActorSwitch.Security.Module;

namespace ActorSwitch.Switch.Centre;

/// <summary>The working keys of a connection to the centre, issued at its sign-on (or key change).</summary>
public sealed record ZoneKeys(KeyHandle PinKey, KeyHandle MacKey);
