namespace ActorSwitch.Security.Ciphers;

/// <summary>Source of random bytes for keys and padding; injectable so that tests can reproduce published blocks.</summary>
public interface IRandomSource
{
    void Fill(Span<byte> destination);
}
