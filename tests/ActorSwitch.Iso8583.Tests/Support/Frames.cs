namespace ActorSwitch.Iso8583.Tests.Support;

/// <summary>Hand-built POS payloads for malformed-input tests.</summary>
internal static class Frames
{
    /// <summary>TPDU 60 0001 0002, header 60 22 00 000000, MTI 0200: 13 bytes, so the bitmap starts at 13
    /// and the first field at 21.</summary>
    public const string PosPrefix = "6000010002" + "602200000000" + "0200";

    public const int FirstFieldOffset = 21;

    public static byte[] Pos(string bitmapHex, string fieldsHex) => Convert.FromHexString(PosPrefix + bitmapHex + fieldsHex);

    /// <summary>Bitmap hex (16 characters) with the given bits set.</summary>
    public static string Bitmap(params int[] fields)
    {
        ulong bits = 0;
        foreach (int f in fields) bits |= 1UL << (64 - f);
        return bits.ToString("X16");
    }
}
