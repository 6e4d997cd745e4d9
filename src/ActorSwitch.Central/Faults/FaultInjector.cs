namespace ActorSwitch.Central.Faults;

/// <summary>
/// Draws the injected faults for each financial request from the settings in force. Lock-free: the
/// settings are an immutable record swapped whole, the disconnect countdown an interlocked counter.
/// </summary>
public sealed class FaultInjector
{
    private FaultSettings _settings = FaultSettings.None;
    private long _disconnectCountdown; // 0: none armed

    public FaultSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set => Volatile.Write(ref _settings, value ?? FaultSettings.None);
    }

    /// <summary>Financial requests still to arrive before every connection is closed; null when not armed.</summary>
    public long? DisconnectAfter => Interlocked.Read(ref _disconnectCountdown) is > 0 and var n ? n : null;

    public void ArmDisconnect(long afterMessages) => Interlocked.Exchange(ref _disconnectCountdown, afterMessages);

    public void Reset()
    {
        Settings = FaultSettings.None;
        Interlocked.Exchange(ref _disconnectCountdown, 0);
    }

    /// <summary>Counts a financial request against the armed disconnect; true exactly once, at the N-th.</summary>
    public bool CountTowardsDisconnect()
    {
        while (true)
        {
            var left = Interlocked.Read(ref _disconnectCountdown);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref _disconnectCountdown, left - 1, left) == left) return left == 1;
        }
    }

    public bool DropRequest() => Settings is { DropStage: DropStage.Request } s && Draw(s.DropRate);

    public bool DropAnswer() => Settings is { DropStage: DropStage.Answer } s && Draw(s.DropRate);

    /// <summary>The response code to decline with, or null to decide normally.</summary>
    public string? Decline() => Settings is var s && Draw(s.DeclineRate) ? s.DeclineCode : null;

    public TimeSpan Latency()
    {
        var s = Settings;
        if (s.LatencyMaxMs <= 0) return TimeSpan.Zero;
        return TimeSpan.FromMilliseconds(s.LatencyMinMs >= s.LatencyMaxMs ? s.LatencyMaxMs : Random.Shared.Next(s.LatencyMinMs, s.LatencyMaxMs + 1));
    }

    private static bool Draw(double rate) => rate > 0 && (rate >= 1 || Random.Shared.NextDouble() < rate);
}
