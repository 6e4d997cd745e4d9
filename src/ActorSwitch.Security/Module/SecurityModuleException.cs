namespace ActorSwitch.Security.Module;

/// <summary>A refusal by the security module, with its reason. Messages never contain key material.</summary>
public sealed class SecurityModuleException(SecurityFailure reason, string message) : Exception(message)
{
    public SecurityFailure Reason { get; } = reason;
}
