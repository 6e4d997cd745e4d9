using ActorSwitch.Iso8583;

namespace ActorSwitch.PosSim.Tests.Support;

internal static class Messages
{
    public static IsoMessage Parse(ReadOnlySpan<byte> frameWithoutPrefix)
    {
        var message = new IsoMessage(Dialects.UnionPayPos);
        Assert.True(IsoReader.TryParse(frameWithoutPrefix, message, out var error), $"parse failed: {error}");
        return message;
    }

    /// <summary>The numbers of the fields present, in order.</summary>
    public static int[] Fields(IsoMessage message)
    {
        var fields = new List<int>();
        for (var field = message.NextField(1); field > 0; field = message.NextField(field))
            fields.Add(field);
        return [.. fields];
    }
}
