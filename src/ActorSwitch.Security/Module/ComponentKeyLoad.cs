namespace ActorSwitch.Security.Module;

/// <summary>
/// A key assembled from clear components under dual control: the handle, the assembled key's check
/// value and each component's check value, for the custodians to compare with their forms.
/// </summary>
public sealed record ComponentKeyLoad(KeyHandle Key, string CheckValue, IReadOnlyList<string> ComponentCheckValues);
