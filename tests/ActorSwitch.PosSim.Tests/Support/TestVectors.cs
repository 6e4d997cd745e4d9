using System.Text.Json;

namespace ActorSwitch.PosSim.Tests.Support;

/// <summary>The shared vector files (copied into TestData/), read at run time.</summary>
internal static class TestVectors
{
    public static JsonElement Crypto { get; } = Load("crypto.json");

    public static JsonElement Frames { get; } = Load("frames.json");

    public static JsonElement Computed => Crypto.GetProperty("computed");

    public static byte[] Hex(this JsonElement element, string name) => Convert.FromHexString(element.Text(name));

    public static string Text(this JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"{name} is null");

    /// <summary>A sample frame's bytes after its 2-byte length prefix.</summary>
    public static byte[] FrameBody(string name) => Frames.GetProperty(name).Hex("hex")[2..];

    private static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name))).RootElement;
}
