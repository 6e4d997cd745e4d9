using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Module;
using ActorSwitch.Security.Pins;
using BenchmarkDotNet.Attributes;

namespace ActorSwitch.Benchmarks;

/// <summary>PIN block translation TPK -> ZPK (both double-length TDES) of crypto.json's computed vector.</summary>
[MemoryDiagnoser]
public class PinBenchmarks
{
    private SoftwareSecurityModule module = null!;
    private KeyHandle tpk = null!;
    private KeyHandle zpk = null!;
    private DesCipher rawTpk = null!;
    private DesCipher rawZpk = null!;
    private byte[] pinBlock = null!;
    private byte[] translated = null!;

    [GlobalSetup]
    public void Setup()
    {
        module = new SoftwareSecurityModule(SecurityModuleOptions.Development());
        var terminalPinKey = new KeySpecification(KeyUsage.PinEncryption, KeyAlgorithm.Tdes, KeyModeOfUse.Both, 16);
        tpk = module.LoadKeyFromComponents(terminalPinKey, Vectors.Components(Vectors.Tpk)).Key;
        zpk = module.LoadKeyFromComponents(KeySpecification.ZonePinKey, Vectors.Components(Vectors.Zpk)).Key;
        rawTpk = new DesCipher(Convert.FromHexString(Vectors.Tpk));
        rawZpk = new DesCipher(Convert.FromHexString(Vectors.Zpk));
        pinBlock = Convert.FromHexString(Vectors.TpkBlock);
        translated = new byte[IsoFormat0PinBlock.Length];

        var expected = Convert.FromHexString(Vectors.ZpkBlock);
        Vectors.Require(ModuleTranslate() == PinBlockError.None && translated.AsSpan().SequenceEqual(expected),
            "the module translates the vector's PIN block");
        translated.AsSpan().Clear();
        Vectors.Require(RawTranslate() == PinBlockError.None && translated.AsSpan().SequenceEqual(expected),
            "PinBlockTranslator translates the vector's PIN block");
    }

    [Benchmark(Description = "PIN translate TPK->ZPK, module (handles)")]
    public PinBlockError ModuleTranslate() => module.TranslatePinBlock(tpk, zpk, pinBlock, Vectors.Pan, translated);

    [Benchmark(Description = "PIN translate TPK->ZPK, raw PinBlockTranslator")]
    public PinBlockError RawTranslate() => PinBlockTranslator.Translate(rawTpk, rawZpk, pinBlock, Vectors.Pan, translated);
}
