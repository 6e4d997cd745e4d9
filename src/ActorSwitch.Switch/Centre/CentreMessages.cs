using Akka.Actor;
using ActorSwitch.Security.Module;
using ActorSwitch.Switch.Pos;

namespace ActorSwitch.Switch.Centre;

/// <summary>
/// A transaction on its way to the centre, in the switch's terms. The centre link turns it into the
/// central dialect (docs/interfaces/central.md), translating the PIN block to the zone PIN key and
/// adding the X9.19 MAC. Lives only in memory: the PIN block and the track are never persisted.
/// </summary>
public sealed record CentreTransaction
{
    public required string Rrn { get; init; }
    public required PosMessageKind Kind { get; init; }
    /// <summary>POS MTI of the original request (0100, 0200, 0220); reversals say so in <see cref="IsReversal"/>.</summary>
    public required int PosMti { get; init; }
    public required string Pan { get; init; }
    public required int ProcessingCode { get; init; }
    public required long Amount { get; init; }
    public required int Trace { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Mcc { get; init; }
    public required int EntryMode { get; init; }
    public required int ConditionCode { get; init; }
    public required string TerminalId { get; init; }
    public required string MerchantId { get; init; }
    public required int TransactionType { get; init; }
    public required int Batch { get; init; }
    public string? LocalTime { get; init; }
    public string? LocalDate { get; init; }
    public byte[]? PinBlock { get; init; }
    public KeyHandle? PinKey { get; init; }
    public string? Track2 { get; init; }
    /// <summary>The original's retrieval reference, for voids, completions and refunds.</summary>
    public string? OriginalRrn { get; init; }
    public bool IsReversal { get; init; }
    /// <summary>A retry of a store-and-forward message (0221 / 0421 instead of 0220 / 0420).</summary>
    public bool IsRepeat { get; init; }
}

/// <summary>Ask the link to send a transaction; the answer goes to <see cref="ReplyTo"/>.</summary>
public sealed record CentreRequest(CentreTransaction Transaction, IActorRef ReplyTo);

/// <summary>The centre's decision on a transaction.</summary>
public sealed record CentreDecision(string Rrn, string ResponseCode, string? AuthCode, DateOnly? SettlementDate, string? Balance);

/// <summary>The link could not send the request at all (no signed-on connection): nothing reached the centre.</summary>
public sealed record CentreNotSent(string Rrn, string Reason);

/// <summary>Asks the link for its state (operator API, readiness).</summary>
public sealed record GetLinkStatus
{
    public static readonly GetLinkStatus Instance = new();
}

public sealed record LinkStatus(int Configured, int SignedOn, int InFlight, string? CentreAddress);

/// <summary>Asks the link for each of its connections (operator API: <c>switchctl links show</c>); answered with <see cref="CentreLinkDetails"/>.</summary>
public sealed record GetCentreLinkDetails
{
    public static readonly GetCentreLinkDetails Instance = new();
}

/// <summary>A node's centre link, connection by connection. Plain fields: it may cross nodes.</summary>
public sealed record CentreLinkDetails(string? CentreAddress, int InFlight, IReadOnlyList<CentreConnectionDetails> Connections);

/// <summary>
/// One connection to the centre: <c>connecting</c> (never connected yet), <c>signing-on</c>,
/// <c>signed-on</c> (up: it carries requests) or <c>down</c> (reconnecting), since when, and the last
/// error it had (kept after it recovers).
/// </summary>
public sealed record CentreConnectionDetails(int Id, string State, DateTimeOffset Since, string? LastError, DateTimeOffset? LastErrorAt);
