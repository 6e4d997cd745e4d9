namespace ActorSwitch.Security.KeyBlocks;

/// <summary>TR-31 header bytes 5-6: the key's usage, e.g. P0 (PIN encryption) or K0 (key encryption).</summary>
/// <remarks>A two-character code rather than an enum: HSMs emit proprietary numeric usages that must round-trip.</remarks>
public readonly record struct KeyUsage
{
    public static readonly KeyUsage BaseDerivationKey = new("B0");
    public static readonly KeyUsage CardVerificationKey = new("C0");
    public static readonly KeyUsage DataEncryption = new("D0");
    public static readonly KeyUsage EmvApplicationCryptograms = new("E0");
    public static readonly KeyUsage EmvSecureMessagingConfidentiality = new("E1");
    public static readonly KeyUsage EmvSecureMessagingIntegrity = new("E2");
    public static readonly KeyUsage EmvDataAuthenticationCode = new("E3");
    public static readonly KeyUsage EmvDynamicNumbers = new("E4");
    public static readonly KeyUsage EmvCardPersonalisation = new("E5");
    /// <summary>E6 "other" chip keys: here the PBOC purse and TAC master keys and the card keys derived from them.</summary>
    public static readonly KeyUsage EmvOther = new("E6");
    public static readonly KeyUsage KeyEncryption = new("K0");
    public static readonly KeyUsage KeyBlockProtection = new("K1");
    public static readonly KeyUsage MacIso16609 = new("M0");
    public static readonly KeyUsage MacIso9797Algorithm1 = new("M1");
    public static readonly KeyUsage MacIso9797Algorithm3 = new("M3");
    public static readonly KeyUsage MacCmac = new("M6");
    public static readonly KeyUsage MacHmac = new("M7");
    public static readonly KeyUsage PinEncryption = new("P0");
    public static readonly KeyUsage PinVerificationOther = new("V0");
    public static readonly KeyUsage PinVerificationIbm3624 = new("V1");
    public static readonly KeyUsage PinVerificationVisaPvv = new("V2");

    public KeyUsage(string code)
    {
        if (code is not { Length: 2 } || !char.IsAsciiLetterOrDigit(code[0]) || !char.IsAsciiLetterOrDigit(code[1]))
            throw new ArgumentException("A key usage is two ASCII letters or digits.", nameof(code));
        Code = code;
    }

    public string Code { get; }

    public override string ToString() => Code;
}
