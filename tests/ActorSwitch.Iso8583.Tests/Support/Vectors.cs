using System.Text.Json;

namespace ActorSwitch.Iso8583.Tests.Support;

/// <summary>A public sample frame from TestData/frames.json: whole bytes (from the length prefix on)
/// and the fields it must decode to.</summary>
internal sealed record VectorFrame(string Name, byte[] Bytes, string Mti, IReadOnlyDictionary<string, JsonElement> Fields)
{
    /// <summary>The frame without its 2-byte length prefix, as FrameReader yields it.</summary>
    public byte[] Payload => Bytes[2..];
}

internal static class Vectors
{
    private static readonly Lazy<Dictionary<string, VectorFrame>> Frames = new(Load);

    public static VectorFrame A => Frames.Value["signon_request_A"];
    public static VectorFrame B => Frames.Value["signon_response_B"];
    public static VectorFrame D => Frames.Value["purchase_request_D"];

    /// <summary>D's MAK, for checking that the MAC block is exactly the right bytes.</summary>
    public static byte[] MakOfD => Convert.FromHexString(Raw.Value.RootElement.GetProperty("purchase_request_D").GetProperty("mak").GetString()!);

    private static readonly Lazy<JsonDocument> Raw = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "frames.json"))));

    private static Dictionary<string, VectorFrame> Load()
    {
        var result = new Dictionary<string, VectorFrame>();
        foreach (var entry in Raw.Value.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object) continue;
            var fields = entry.Value.GetProperty("fields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
            result[entry.Name] = new VectorFrame(entry.Name,
                Convert.FromHexString(entry.Value.GetProperty("hex").GetString()!),
                entry.Value.GetProperty("mti").GetString()!, fields);
        }
        return result;
    }
}
