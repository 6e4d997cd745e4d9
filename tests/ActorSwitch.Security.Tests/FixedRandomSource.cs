using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.Tests;

/// <summary>Hands out the given bytes in order, then repeats them: reproducible "random" padding and keys.</summary>
internal sealed class FixedRandomSource(params byte[] bytes) : IRandomSource
{
    private int position;

    public static FixedRandomSource Tr31VectorPadding() =>
        new(Enumerable.Range(0xA1, 14).Select(b => (byte)b).ToArray());

    public void Fill(Span<byte> destination)
    {
        lock (bytes)
        {
            for (var i = 0; i < destination.Length; i++)
                destination[i] = bytes[position++ % bytes.Length];
        }
    }
}
