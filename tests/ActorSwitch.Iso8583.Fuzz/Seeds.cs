using System.Buffers;
using System.Text;

namespace ActorSwitch.Iso8583.Fuzz;

/// <summary>
/// Builds the seed corpus (run with <c>--write-seeds corpus</c>): the three public POS frames, small valid
/// messages of both dialects written by <see cref="IsoWriter"/>, two-frame inputs, and malformed frames
/// that stop at each kind of framing and parse error. Each file is one TCP read: length prefix included.
/// Inputs AFL++ found later are added to the same folder under names starting with <c>afl-</c>.
/// </summary>
public static class Seeds
{
    // Public sample frames (shared/vectors/frames.json), from the 2-byte length on.
    private const string SignOnRequestA = "0041600000000060220000000008000038000000C000120001721705100510353030383030303133303933313030383339383530303800110000001720030003435550";
    private const string SignOnResponseB = "007960000000006022000000000810003800010AC0001400017210014105100803099988303531303030303030323033303035303038303030313330393331303038333938353030380011000000420030004051DBA323AF60599287F61C7E5A9484AEEF8DE29BD3E614FCB51122D4E9B84E2A608CD9C2A4DAABF2";
    private const string PurchaseRequestD = "007F600003000060321032007202003020048000C08015000000000000001234000002030099303030303030303139353237313831383232313738373531353600192600000100060000000000435F01123238343431323334353637383930313233345F03063136303033365F04063230303832365C0230314233413039324145";

    // TPDU 60 0001 0002, header 60 22 00 000000, MTI 0200, for hand-made POS frames.
    private const string PosPrefix = "6000010002" + "602200000000" + "0200";

    /// <summary>Writes every seed into <paramref name="directory"/> (created if missing).</summary>
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, bytes) in All())
            File.WriteAllBytes(Path.Combine(directory, name), bytes);
    }

    /// <summary>Every seed, by file name.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> All()
    {
        byte[] a = Convert.FromHexString(SignOnRequestA), b = Convert.FromHexString(SignOnResponseB), d = Convert.FromHexString(PurchaseRequestD);
        yield return ("pos-public-A-signon-request.bin", a);
        yield return ("pos-public-B-signon-response.bin", b);
        yield return ("pos-public-D-purchase-request.bin", d);

        // Valid messages, written by the codec.
        var posSignOn = Pos(800, m =>
        {
            m.SetDigits(11, "000001");
            m.SetAscii(41, "50080001");
            m.SetAscii(42, "309310083985008");
            m.SetDigits(60, "00000001003"); // odd LLL digits: left-aligned, pad 0
            m.SetAscii(63, "01 ");
        });
        yield return ("pos-0800-signon.bin", posSignOn);
        yield return ("pos-0800-no-fields.bin", Pos(800, _ => { }));
        yield return ("pos-0200-purchase-mac.bin", Pos(200, m =>
        {
            m.SetDigits(2, "6222021234567890123");
            m.SetNumber(3, 0);
            m.SetNumber(4, 1000);
            m.SetNumber(11, 7);
            m.SetDigits(14, "2912");
            m.SetDigits(22, "021");
            m.SetDigits(23, "001");
            m.SetDigits(25, "00");
            m.SetDigits(26, "12");
            m.SetDigits(35, "6222021234567890123=2912201123");
            m.SetAscii(41, "50080001");
            m.SetAscii(42, "309310083985008");
            m.SetAscii(49, "156");
            m.SetBinary(52, [0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0]);
            m.SetDigits(53, "2600000000000000");
            m.SetBinary(55, [0x9F, 0x26, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, 0x9F, 0x27, 0x01, 0x80]);
            m.SetDigits(60, "22000001000500");
        }, withMac: true));
        yield return ("pos-0210-response-mac.bin", Pos(210, m =>
        {
            m.SetNumber(3, 0);
            m.SetNumber(4, 1000);
            m.SetNumber(11, 7);
            m.SetDigits(12, "101530");
            m.SetDigits(13, "0510");
            m.SetDigits(15, "0511");
            m.SetDigits(25, "00");
            m.SetDigits(32, "01020000");
            m.SetAscii(37, "000000012345");
            m.SetAscii(38, "123456");
            m.SetAscii(39, "00");
            m.SetAscii(41, "50080001");
            m.SetAscii(42, "309310083985008");
            m.SetAscii(44, "0102000003020000");
            m.SetAscii(49, "156");
            m.SetAscii(54, "1002156C000000001000");
            m.SetAscii(63, "CUP");
        }, withMac: true));
        yield return ("pos-0400-reversal.bin", Pos(400, m =>
        {
            m.SetDigits(2, "622202123456789012");
            m.SetNumber(3, 0);
            m.SetNumber(4, 1000);
            m.SetNumber(11, 8);
            m.SetDigits(22, "051");
            m.SetDigits(25, "00");
            m.SetAscii(39, "98");
            m.SetAscii(41, "50080001");
            m.SetAscii(42, "309310083985008");
            m.SetAscii(49, "156");
            m.SetDigits(60, "2200000100050");
            m.SetDigits(61, "0000010000070510");
        }));
        yield return ("pos-0820-fields-48-58-62.bin", Pos(820, m =>
        {
            m.SetNumber(11, 9);
            m.SetDigits(36, "996222021234567890123=1234");
            m.SetAscii(41, "50080001");
            m.SetDigits(48, "123456789");
            m.SetAscii(58, "value added");
            m.SetBinary(62, [0xDF, 0x01, 0x02, 0xAB, 0xCD]);
        }));

        // Central host (ASCII) messages.
        byte[] centralPurchase = Central(200, m =>
        {
            m.SetDigits(2, "6222021234567890123");
            m.SetNumber(3, 0);
            m.SetNumber(4, 1000);
            m.SetDigits(7, "0510101530");
            m.SetNumber(11, 7);
            m.SetDigits(12, "101530");
            m.SetDigits(13, "0510");
            m.SetDigits(18, "5411");
            m.SetDigits(22, "021");
            m.SetDigits(25, "00");
            m.SetDigits(32, "01020000");
            m.SetDigits(33, "03099988");
            m.SetDigits(35, "6222021234567890123=2912201");
            m.SetAscii(37, "000000012345");
            m.SetAscii(41, "50080001");
            m.SetAscii(42, "309310083985008");
            m.SetAscii(48, "PA");
            m.SetAscii(49, "156");
            m.SetBinary(52, [1, 2, 3, 4, 5, 6, 7, 8]);
            m.SetDigits(53, "2600000000000000");
            m.SetAscii(60, "22000001");
        }, withMac: true);
        yield return ("central-0200-purchase-mac64.bin", centralPurchase);
        yield return ("central-0210-response.bin", Central(210, m =>
        {
            m.SetNumber(3, 0);
            m.SetNumber(4, 1000);
            m.SetDigits(7, "0510101531");
            m.SetNumber(11, 7);
            m.SetAscii(37, "000000012345");
            m.SetAscii(38, "654321");
            m.SetAscii(39, "00");
            m.SetAscii(41, "50080001");
            m.SetAscii(42, "309310083985008");
            m.SetAscii(44, "0102000003020000");
            m.SetAscii(49, "156");
            m.SetAscii(54, "1002156C000000001000");
            m.SetAscii(61, "000001000007");
            m.SetAscii(63, "CUP");
        }));
        yield return ("central-0800-signon-mac128.bin", Central(800, m =>
        {
            m.SetDigits(7, "0510080000");
            m.SetNumber(11, 1);
            m.SetDigits(33, "03099988");
            m.SetNumber(70, 1);
        }, withMac: true));
        yield return ("central-0420-reversal-90-100.bin", Central(420, m =>
        {
            m.SetNumber(3, 0);
            m.SetNumber(4, 1000);
            m.SetDigits(7, "0510101600");
            m.SetNumber(11, 10);
            m.SetAscii(39, "98");
            m.SetBinary(55, [0x9F, 0x36, 0x02, 0x00, 0x01]);
            m.SetBinary(62, [0x00, 0xFF, 0x10]);
            m.SetDigits(90, "020000000700510101530000102000000309998800");
            m.SetDigits(100, "03099988");
        }, withMac: true));
        yield return ("central-0810-no-mac.bin", Central(810, m =>
        {
            m.SetDigits(7, "0510080001");
            m.SetNumber(11, 1);
            m.SetAscii(39, "00");
            m.SetDigits(53, "2600000000000000");
            m.SetNumber(70, 1);
        }));

        // Two frames in one read.
        yield return ("pos-two-frames.bin", [.. posSignOn, .. d]);
        yield return ("central-two-frames.bin", [.. centralPurchase, .. centralPurchase]);

        // Valid only under the POS tolerances: F2 odd digits padded with F, and right-aligned.
        yield return ("pos-f2-pad-f.bin", PosRaw(Bitmap(2), "19" + "6222021234567890123F"));
        yield return ("pos-f2-right-aligned.bin", PosRaw(Bitmap(2), "19" + "06222021234567890123"));
        // Central: primary bit 1 set, secondary bitmap all zero (re-encoded without it).
        yield return ("central-empty-secondary.bin", CentralRaw("0800", Bitmap(1, 11) + "0000000000000000", "000001"));

        // Malformed framing.
        yield return ("bad-pos-truncated-D.bin", d[..60]);
        yield return ("bad-pos-zero-length.bin", Convert.FromHexString("0000600001000260"));
        yield return ("bad-pos-too-long.bin", [0x08, 0x01, .. a[2..]]);
        yield return ("bad-central-prefix-not-digits.bin", [(byte)'0', (byte)'0', (byte)'A', (byte)'5', .. centralPurchase[4..]]);
        yield return ("bad-central-too-long.bin", [.. "9000"u8, .. centralPurchase[4..]]);

        // Malformed messages inside good frames.
        yield return ("bad-pos-short-header.bin", Convert.FromHexString("00076000010002602200"));
        yield return ("bad-pos-mti.bin", PosRaw(Bitmap(3), "000000", mti: "0A00"));
        yield return ("bad-pos-secondary-bitmap.bin", PosRaw(Bitmap(1, 3), "0000000000000000" + "000000"));
        yield return ("bad-pos-field-not-in-dialect.bin", PosRaw(Bitmap(5), "000000000000"));
        yield return ("bad-pos-f2-above-max.bin", PosRaw(Bitmap(2), "20" + "62220212345678901234"));
        yield return ("bad-pos-f2-past-end.bin", PosRaw(Bitmap(2), "19" + "62220212"));
        yield return ("bad-pos-f3-bad-digit.bin", PosRaw(Bitmap(3), "00A000"));
        yield return ("bad-pos-f2-bad-padding.bin", PosRaw(Bitmap(2), "03" + "6225"));
        yield return ("bad-pos-f60-bad-length-prefix.bin", PosRaw(Bitmap(60), "0A11" + "000000172003"));
        yield return ("bad-pos-trailing-bytes.bin", PosRaw(Bitmap(3), "000000" + "FFFF"));
        yield return ("bad-central-f11-not-digits.bin", CentralRaw("0200", Bitmap(11), "00A001"));
        yield return ("bad-central-f48-past-end.bin", CentralRaw("0200", Bitmap(48), "100" + "PA"));
        yield return ("bad-central-mti.bin", CentralRaw("02X0", Bitmap(11), "000001"));
    }

    private static byte[] Pos(int mti, Action<IsoMessage> fill, bool withMac = false)
    {
        var m = new IsoMessage(Dialects.UnionPayPos)
        {
            Tpdu = new Tpdu(0x60, 0x0000, 0x0003),
            Header = new PosHeader(60, 31, 0, 0, 0),
        };
        m.SetMti(mti);
        fill(m);
        return Write(m, withMac);
    }

    private static byte[] Central(int mti, Action<IsoMessage> fill, bool withMac = false)
    {
        var m = new IsoMessage(Dialects.CentralHost);
        m.SetMti(mti);
        fill(m);
        return Write(m, withMac);
    }

    private static byte[] Write(IsoMessage m, bool withMac)
    {
        var output = new ArrayBufferWriter<byte>();
        // A stand-in MAC (the codec knows no cryptography): the XOR of the block folded into 8 bytes.
        MacCalculator? mac = withMac ? (block, result) =>
        {
            result.Clear();
            for (int i = 0; i < block.Length; i++) result[i & 7] ^= block[i];
        } : null;
        IsoWriter.Write(m, output, mac);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>A POS frame from hex: TPDU, header and MTI of <see cref="PosPrefix"/>, then bitmap and fields.</summary>
    private static byte[] PosRaw(string bitmapHex, string fieldsHex, string mti = "0200")
    {
        byte[] body = Convert.FromHexString(PosPrefix[..^4] + mti + bitmapHex + fieldsHex);
        return [(byte)(body.Length >> 8), (byte)body.Length, .. body];
    }

    /// <summary>A central-host frame: ASCII MTI, binary bitmap(s) from hex, then ASCII fields.</summary>
    private static byte[] CentralRaw(string mti, string bitmapHex, string fields)
    {
        byte[] body = [.. Encoding.ASCII.GetBytes(mti), .. Convert.FromHexString(bitmapHex), .. Encoding.ASCII.GetBytes(fields)];
        return [.. Encoding.ASCII.GetBytes(body.Length.ToString("D4")), .. body];
    }

    /// <summary>Primary bitmap hex (16 characters) with the given bits set.</summary>
    private static string Bitmap(params int[] fields)
    {
        ulong bits = 0;
        foreach (int f in fields) bits |= 1UL << (64 - f);
        return bits.ToString("X16");
    }
}
