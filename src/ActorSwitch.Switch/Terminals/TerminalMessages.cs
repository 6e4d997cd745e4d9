using Akka.Actor;

namespace ActorSwitch.Switch.Terminals;

/// <summary>Anything addressed to one terminal entity (entity id = merchant id + ":" + terminal id).</summary>
public interface ITerminalCommand
{
    string EntityId { get; }
}

/// <summary>
/// One frame from a terminal, exactly as received (without the 2-byte length), and where its answer
/// goes: the connection it came on. Kept in memory only: raw frames are never persisted.
/// </summary>
public sealed record PosRequest(string EntityId, byte[] Frame, IActorRef ReplyTo) : ITerminalCommand
{
    /// <summary>
    /// When the request was made in this process (<see cref="System.Diagnostics.Stopwatch"/> timestamp): by the
    /// connection as soon as the frame is read, or on arrival at this node when it came from another one. Get-only,
    /// so no serializer carries another process's clock across. The POS latency metric starts here.
    /// </summary>
    public long ReceivedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();
}

/// <summary>A whole answer frame, length prefix included, for the connection to write as it is.</summary>
public sealed record PosAnswer(byte[] Frame);

/// <summary>Operator: generate (or rotate) the terminal's master key for the key-loading device.</summary>
public sealed record IssueTerminalMasterKey(string EntityId) : ITerminalCommand;

/// <summary>The new TMK as the key-loading device receives it: a TR-31 block and its check value.</summary>
public sealed record TerminalMasterKeyIssued(string KeyBlock, string CheckValue);

/// <summary>Operator: the terminal's state as the operator API shows it (no key material).</summary>
public sealed record GetTerminalStatus(string EntityId) : ITerminalCommand;

public sealed record TerminalStatus(bool HasMasterKey, bool SignedOn, int Batch, int OpenTransactions, int KnownTransactions);

/// <summary>Starts a terminal's entity (if it is not running) so that its recovery handles what it left open.</summary>
public sealed record WakeTerminal(string EntityId) : ITerminalCommand;
