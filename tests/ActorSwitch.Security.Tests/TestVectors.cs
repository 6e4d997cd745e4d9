using System.Text;
using System.Text.Json;

namespace ActorSwitch.Security.Tests;

/// <summary>The shared vector files, read at run time from TestData/.</summary>
internal static class TestVectors
{
    public static JsonElement Crypto { get; } = Load("crypto.json");

    public static JsonElement Frames { get; } = Load("frames.json");

    public static JsonElement Computed => Crypto.GetProperty("computed");

    public static byte[] Hex(this JsonElement element, string name) => Convert.FromHexString(element.Text(name));

    public static string Text(this JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"{name} is null");

    /// <summary>A vector's message: "data" in hex or "data_ascii".</summary>
    public static byte[] Data(this JsonElement element) =>
        element.TryGetProperty("data", out var hex)
            ? Convert.FromHexString(hex.GetString()!)
            : Encoding.ASCII.GetBytes(element.Text("data_ascii"));

    public static IEnumerable<JsonElement> Family(string name) => Crypto.GetProperty(name).EnumerateArray();

    private static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name))).RootElement;
}
