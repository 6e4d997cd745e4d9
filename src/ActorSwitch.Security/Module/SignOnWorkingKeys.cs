using ActorSwitch.Security.SignOn;

namespace ActorSwitch.Security.Module;

/// <summary>
/// Fresh working keys for a terminal: F62 of the sign-on answer (the keys under the terminal master key)
/// and the module's handles of the same keys. <see cref="TrackDataKey"/> is set for layout 004 only.
/// </summary>
public sealed record SignOnWorkingKeys(
    SignOnKeyLayout Layout,
    byte[] Field62,
    KeyHandle PinKey,
    KeyHandle MacKey,
    KeyHandle? TrackDataKey);
