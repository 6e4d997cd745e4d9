using ActorSwitch.Iso8583;
using ActorSwitch.Security.SignOn;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>A terminal's identity, where its switch is, and how it is configured.</summary>
public sealed record TerminalOptions
{
    /// <summary>The TPDU terminals send by default: id 60, destination 0003, source 0000.</summary>
    public static readonly Tpdu DefaultTpdu = new(0x60, 0x0003, 0x0000);

    public required string Host { get; init; }

    public required int Port { get; init; }

    /// <summary>F42, 15 characters (3 acquirer + 4 area + 4 MCC + 4 serial).</summary>
    public required string MerchantId { get; init; }

    /// <summary>F41, 8 characters.</summary>
    public required string TerminalId { get; init; }

    public Tpdu Tpdu { get; init; } = DefaultTpdu;

    /// <summary>Header application type: 60 magstripe payment, 61 IC payment.</summary>
    public int ApplicationType { get; init; } = 60;

    /// <summary>Header software version, e.g. 22, 31, 32.</summary>
    public int SoftwareVersion { get; init; } = 31;

    /// <summary>Header sub-version (6 digits).</summary>
    public int SubVersion { get; init; }

    /// <summary>63.1 of sign-on and settlement requests.</summary>
    public string OperatorCode { get; init; } = "001";

    /// <summary>60.3 of the sign-on: 001 single-length keys, 003 double-length, 004 double-length + track key.</summary>
    public SignOnKeyLayout SignOnLayout { get; init; } = SignOnKeyLayout.DoubleLength;

    /// <summary>The terminal model is configured for a double-length MAK (003/004); otherwise it expects a single-length one.</summary>
    public bool DoubleLengthMacKey { get; init; }

    /// <summary>F49.</summary>
    public string Currency { get; init; } = "156";

    /// <summary>How long the terminal waits for an answer before giving up (the switch answers within 20 s by default).</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The batch used until the first sign-on answer gives one.</summary>
    public int InitialBatch { get; init; } = BatchNumber.First;

    /// <summary>The last trace number used (the next request carries the one after it).</summary>
    public int LastTrace { get; init; }

    /// <summary>The terminal's clock (request times, purse record times, timeouts).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
            throw new ArgumentException("A host is required.", nameof(Host));
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, 1, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        if (MerchantId is not { Length: 15 })
            throw new ArgumentException("A merchant id (F42) is 15 characters.", nameof(MerchantId));
        if (TerminalId is not { Length: 8 })
            throw new ArgumentException("A terminal id (F41) is 8 characters.", nameof(TerminalId));
        if (OperatorCode is not { Length: 3 })
            throw new ArgumentException("An operator code (63.1) is 3 characters.", nameof(OperatorCode));
        if (Currency is not { Length: 3 })
            throw new ArgumentException("A currency (F49) is 3 characters.", nameof(Currency));
        if (!Enum.IsDefined(SignOnLayout))
            throw new ArgumentException($"{(int)SignOnLayout:D3} is not a sign-on layout.", nameof(SignOnLayout));
        if (!BatchNumber.IsValid(InitialBatch))
            throw new ArgumentOutOfRangeException(nameof(InitialBatch), "A batch number is 000001..999999.");
        ArgumentOutOfRangeException.ThrowIfNegative(LastTrace, nameof(LastTrace));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(LastTrace, TraceCounter.Max, nameof(LastTrace));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AnswerTimeout, TimeSpan.Zero, nameof(AnswerTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        _ = new PosHeader(ApplicationType, SoftwareVersion, 0, 0, SubVersion); // checks the digit ranges
    }
}
