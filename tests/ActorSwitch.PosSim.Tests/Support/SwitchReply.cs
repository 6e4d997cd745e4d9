namespace ActorSwitch.PosSim.Tests.Support;

/// <summary>What the loopback switch does with one received frame: write some byte chunks (each after
/// its delay), then optionally close the connection.</summary>
internal sealed record SwitchReply(IReadOnlyList<(TimeSpan Delay, byte[] Bytes)> Writes, bool Close = false)
{
    public static SwitchReply Nothing { get; } = new([]);

    public static SwitchReply CloseConnection { get; } = new([], Close: true);

    public static SwitchReply Send(params byte[][] frames) => new(frames.Select(frame => (TimeSpan.Zero, frame)).ToArray());

    /// <summary>Sends <paramref name="frame"/> a few bytes at a time, so the terminal reassembles it from several reads.</summary>
    public static SwitchReply Trickle(byte[] frame, int chunk, TimeSpan pause) =>
        new(frame.Chunk(chunk).Select(part => (pause, part)).ToArray());
}
