namespace ActorSwitch.Switch.Registry;

/// <summary>Events of the registry's journal. Written once, read forever: never change a field's meaning.</summary>
public interface IRegistryEvent;

public sealed record MerchantRegistered(string MerchantId, string Name, string Mcc, int FeeRateBasisPoints) : IRegistryEvent;

public sealed record MerchantFrozenChanged(string MerchantId, bool Frozen) : IRegistryEvent;

public sealed record TerminalRegistered(string MerchantId, string TerminalId, string Model) : IRegistryEvent;

public sealed record TerminalFrozenChanged(string MerchantId, string TerminalId, bool Frozen) : IRegistryEvent;

/// <summary>Commands to the registry. Each is answered with a <see cref="RegistryReply"/>.</summary>
public interface IRegistryCommand;

public sealed record RegisterMerchant(string MerchantId, string Name, string Mcc, int FeeRateBasisPoints) : IRegistryCommand;

public sealed record RegisterTerminal(string MerchantId, string TerminalId, string Model) : IRegistryCommand;

public sealed record SetMerchantFrozen(string MerchantId, bool Frozen) : IRegistryCommand;

public sealed record SetTerminalFrozen(string MerchantId, string TerminalId, bool Frozen) : IRegistryCommand;

public enum RegistryOutcome
{
    Done,
    /// <summary>The id is already registered (with different details).</summary>
    Conflict,
    /// <summary>The merchant (or terminal) named does not exist.</summary>
    NotFound,
}

/// <summary>
/// The registry's answer; for a change, <see cref="SequenceNr"/> is its event's number, so that an API
/// node can wait until its own view holds it.
/// </summary>
public sealed record RegistryReply(RegistryOutcome Outcome, string? Detail = null, long SequenceNr = 0)
{
    public static readonly RegistryReply Done = new(RegistryOutcome.Done);
}
