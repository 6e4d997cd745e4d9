using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Module;
using BenchmarkDotNet.Attributes;

namespace ActorSwitch.Benchmarks;

/// <summary>For context: a TR-31 version D unwrap (what a key import or a cold key handle costs) and a PAN token.</summary>
[MemoryDiagnoser]
public class KeyBenchmarks
{
    private const string Pan = "6212340000000000012";

    private byte[] kbpk = null!;
    private SoftwareSecurityModule module = null!;
    private KeyHandle dataKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        kbpk = Convert.FromHexString(Vectors.Tr31Kbpk);
        module = new SoftwareSecurityModule(SecurityModuleOptions.Development());
        dataKey = module.GenerateKey(KeySpecification.PanDataKey);

        Vectors.Require(Tr31KeyBlock.TryUnwrap(kbpk, Vectors.Tr31BlockD, out var unwrapped, out var error)
            && Convert.ToHexString(unwrapped.Key) == Vectors.Tr31Key, $"the TR-31 A.7.4 block unwraps ({error})");
        var token = Tokenize();
        Vectors.Require(token.Length == 32 && token == Tokenize(), "the PAN token is 32 hex and deterministic");
    }

    [Benchmark(Description = "TR-31 unwrap, version D (AES-256 KBPK)")]
    public UnwrappedKeyBlock? Unwrap()
    {
        Tr31KeyBlock.TryUnwrap(kbpk, Vectors.Tr31BlockD, out var unwrapped, out _);
        return unwrapped;
    }

    [Benchmark(Description = "TokenizePan, module (HMAC-SHA256)")]
    public string Tokenize() => module.TokenizePan(dataKey, Pan);
}
