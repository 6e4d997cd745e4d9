namespace ActorSwitch.Benchmarks;

/// <summary>
/// The published vectors the benchmarks run on, copied from shared/vectors so the suite needs no files:
/// frame D of frames.json (purchase_request_D) and the computed PIN translation of crypto.json.
/// </summary>
internal static class Vectors
{
    /// <summary>Frame D, whole: 2-byte length, TPDU, header, MTI 0200 ... F64 = "B3A092AE".</summary>
    public const string FrameDHex =
        "007F600003000060321032007202003020048000C08015000000000000001234000002030099303030303030303139353237313831383232313738373531353600192600000100060000000000435F01123238343431323334353637383930313233345F03063136303033365F04063230303832365C0230314233413039324145";

    /// <summary>Frame D's MAK (single DES) and the MAC it carries in F64, as ASCII.</summary>
    public const string FrameDMak = "0723C80DB5F4CD3D";
    public const string FrameDMacAscii = "B3A092AE";

    /// <summary>X9.19 key of crypto.json's x9_19_mac vectors (used here over frame D's MAC block).</summary>
    public const string RetailMacKey = "0123456789ABCDEFFEDCBA9876543210";

    /// <summary>crypto.json computed.pin_translate_computed.</summary>
    public const string Pan = "6212340000000000012";
    public const string Tpk = "0123456789ABCDEFFEDCBA9876543210";
    public const string TpkBlock = "452910476E0E489C";
    public const string Zpk = "89ABCDEF01234567FEDCBA9876543210";
    public const string ZpkBlock = "630B1C20A6D5F831";

    /// <summary>crypto.json tr31[2]: TR-31:2018 A.7.4, a version D block under an AES-256 KBPK.</summary>
    public const string Tr31Kbpk = "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";
    public const string Tr31BlockD =
        "D0112P0AE00E0000B82679114F470F540165EDFBF7E250FCEA43F810D215F8D207E2E417C07156A27E8E31DA05F7425509593D03A457DC34";
    public const string Tr31Key = "3F419E1CB7079442AA37474C2EFBF8B8";

    /// <summary>
    /// Two hex components whose XOR is <paramref name="keyHex"/>, for the module's dual-control load:
    /// a fixed mask and the key XOR the mask (the honest way to put a known clear key into the module).
    /// </summary>
    public static string[] Components(string keyHex)
    {
        var key = Convert.FromHexString(keyHex);
        var mask = new byte[key.Length];
        for (var i = 0; i < mask.Length; i++)
            mask[i] = (byte)(0x5B + 17 * i);
        var other = new byte[key.Length];
        for (var i = 0; i < key.Length; i++)
            other[i] = (byte)(key[i] ^ mask[i]);
        return [Convert.ToHexString(mask), Convert.ToHexString(other)];
    }

    public static void Require(bool condition, string what)
    {
        if (!condition)
            throw new InvalidOperationException($"Benchmark set-up check failed: {what}.");
    }
}
