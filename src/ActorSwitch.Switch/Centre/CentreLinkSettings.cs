namespace ActorSwitch.Switch.Centre;

/// <summary>The centre link's settings (HOCON <c>actorswitch.centre</c>).</summary>
public sealed record CentreLinkSettings
{
    public required string Host { get; init; }
    public required int Port { get; init; }

    /// <summary>Long-lived connections kept open to the centre; requests are spread over them.</summary>
    public int Connections { get; init; } = 4;

    /// <summary>F32 and F33: this province's institution id.</summary>
    public string AcquirerId { get; init; } = "48020000";

    /// <summary>F100: the centre's institution id.</summary>
    public string ReceivingId { get; init; } = "00010000";

    public TimeSpan EchoInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Each connection asks the centre for fresh zone keys (0800, F70 = 101) this often.</summary>
    public TimeSpan KeyChangeInterval { get; init; } = TimeSpan.FromHours(12);
    public TimeSpan SignOnTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan ReconnectMin { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests waiting on one connection before the link refuses more (backpressure, bounded memory).</summary>
    public int MaxInFlightPerConnection { get; init; } = 20_000;

    /// <summary>The link forgets a request it has had no answer to after this long (the terminal side times out first).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string Address => $"{Host}:{Port}";
}
