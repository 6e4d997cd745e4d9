using System.Security.Cryptography;
using System.Text;
using ActorSwitch.Security.Ciphers;

namespace ActorSwitch.Security.Module;

/// <summary>
/// The local master key: an AES-256 key XORed from two or more clear components held by different
/// custodians. Every key at rest is a TR-31 version D block under a KBPK derived from it.
/// </summary>
public sealed class LocalMasterKey
{
    public const int Length = 32;
    private static readonly byte[] KbpkLabel = Encoding.ASCII.GetBytes("ActorSwitch LMK key block protection key");

    private LocalMasterKey(byte[] keyBlockProtectionKey, string checkValue, IReadOnlyList<string> componentCheckValues, bool isDemo)
    {
        KeyBlockProtectionKey = keyBlockProtectionKey;
        CheckValue = checkValue;
        ComponentCheckValues = componentCheckValues;
        IsDemo = isDemo;
    }

    /// <summary>The LMK's check value (AES CMAC of zeros, 6 hex).</summary>
    public string CheckValue { get; }

    /// <summary>Each component's check value, in the order given, for the custodians to verify.</summary>
    public IReadOnlyList<string> ComponentCheckValues { get; }

    /// <summary>True when the components combine to the documented demo LMK.</summary>
    public bool IsDemo { get; }

    internal byte[] KeyBlockProtectionKey { get; }

    /// <summary>Combines hex components (64 hex digits each) by XOR.</summary>
    public static LocalMasterKey FromComponents(IReadOnlyList<string> hexComponents)
    {
        var lmk = ComponentCombiner.Combine(hexComponents, Length, component => KeyCheckValue.AesHex(component), out var componentCheckValues);
        try
        {
            var isDemo = CryptographicOperations.FixedTimeEquals(lmk, ComponentCombiner.CombineTrusted(DemoKeys.LmkComponents));
            return new LocalMasterKey(DeriveKbpk(lmk), KeyCheckValue.AesHex(lmk), componentCheckValues, isDemo);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(lmk);
        }
    }

    public override string ToString() => $"LocalMasterKey(KCV {CheckValue})";

    /// <summary>
    /// NIST SP 800-108 counter-mode KDF with AES-CMAC: the LMK itself never keys a cipher, so any later use
    /// of the LMK gets a key of its own by a different label.
    /// </summary>
    private static byte[] DeriveKbpk(byte[] lmk)
    {
        var kbpk = new byte[Length];
        for (byte counter = 1; counter <= 2; counter++)
        {
            byte[] input = [counter, .. KbpkLabel, 0x00, 0x01, 0x00];
            Cmac.ComputeAes(lmk, input, kbpk.AsSpan((counter - 1) * 16, 16));
        }

        return kbpk;
    }
}
