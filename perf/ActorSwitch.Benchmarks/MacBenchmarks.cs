using ActorSwitch.Iso8583;
using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Macs;
using ActorSwitch.Security.Module;
using BenchmarkDotNet.Attributes;

namespace ActorSwitch.Benchmarks;

/// <summary>
/// MACs over frame D's MAC block (MTI to the end of F63, 112 bytes): the UnionPay ECB MAC it carries,
/// verified through the security module under a key handle and through the algorithm class directly,
/// and the X9.19 retail MAC of the same bytes.
/// </summary>
[MemoryDiagnoser]
public class MacBenchmarks
{
    private byte[] macBlock = null!;
    private byte[] receivedMac = null!;
    private byte[] retailMac = null!;
    private SoftwareSecurityModule module = null!;
    private KeyHandle mak = null!;
    private KeyHandle retailKey = null!;
    private UnionPayEcbMac rawUnionPay = null!;
    private AnsiX919Mac rawRetail = null!;
    private byte[] frame = null!;
    private IsoMessage message = null!;

    [GlobalSetup]
    public void Setup()
    {
        frame = Convert.FromHexString(Vectors.FrameDHex)[2..];
        message = new IsoMessage(Dialects.UnionPayPos);
        Vectors.Require(IsoReader.TryParse(frame, message, out _), "frame D parses");
        macBlock = message.ReceivedMacBlock.ToArray();
        receivedMac = message.ReceivedMac.ToArray();
        Vectors.Require(receivedMac.AsSpan().SequenceEqual("B3A092AE"u8), "frame D carries MAC B3A092AE");

        module = new SoftwareSecurityModule(SecurityModuleOptions.Development());
        // The MAK as a terminal's M1 single-DES key, loaded from two components (dual control).
        var makSpec = new KeySpecification(KeyUsage.MacIso9797Algorithm1, KeyAlgorithm.Des, KeyModeOfUse.GenerateAndVerify, 8);
        mak = module.LoadKeyFromComponents(makSpec, Vectors.Components(Vectors.FrameDMak)).Key;
        retailKey = module.LoadKeyFromComponents(KeySpecification.RetailMacKey, Vectors.Components(Vectors.RetailMacKey)).Key;
        rawUnionPay = new UnionPayEcbMac(new DesCipher(Convert.FromHexString(Vectors.FrameDMak)));
        rawRetail = new AnsiX919Mac(Convert.FromHexString(Vectors.RetailMacKey));
        retailMac = new byte[AnsiX919Mac.Length];
        rawRetail.Compute(macBlock, retailMac);

        Vectors.Require(ModuleVerifyUnionPay(), "the module verifies frame D's MAC");
        Vectors.Require(RawVerifyUnionPay(), "UnionPayEcbMac verifies frame D's MAC");
        Vectors.Require(ParseAndVerify(), "parse + verify of frame D succeeds");
        Vectors.Require(ModuleVerifyRetail() && RawVerifyRetail(), "the X9.19 MAC verifies both ways");
        receivedMac[0] ^= 1;
        Vectors.Require(!ModuleVerifyUnionPay() && !RawVerifyUnionPay(), "a changed MAC is refused");
        receivedMac[0] ^= 1;
    }

    [Benchmark(Description = "UnionPay ECB MAC verify, module (handle)")]
    public bool ModuleVerifyUnionPay() => module.VerifyMac(mak, MacAlgorithm.UnionPayEcb, macBlock, receivedMac);

    [Benchmark(Description = "UnionPay ECB MAC verify, raw UnionPayEcbMac")]
    public bool RawVerifyUnionPay() => rawUnionPay.Verify(macBlock, receivedMac);

    [Benchmark(Description = "Parse frame D + module MAC verify")]
    public bool ParseAndVerify() =>
        IsoReader.TryParse(frame, message, out _)
        && module.VerifyMac(mak, MacAlgorithm.UnionPayEcb, message.ReceivedMacBlock, message.ReceivedMac);

    [Benchmark(Description = "X9.19 MAC verify, module (handle)")]
    public bool ModuleVerifyRetail() => module.VerifyMac(retailKey, MacAlgorithm.AnsiX919, macBlock, retailMac);

    [Benchmark(Description = "X9.19 MAC verify, raw AnsiX919Mac")]
    public bool RawVerifyRetail() => rawRetail.Verify(macBlock, retailMac);
}
