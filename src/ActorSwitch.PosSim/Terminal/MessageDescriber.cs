using System.Globalization;
using System.Text;
using ActorSwitch.Iso8583;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// Renders a message field by field for people: the PAN masked (first 6, last 4, also inside batch upload
/// items), and the PIN block, track data and F62 (working keys or private data) never shown, only named.
/// </summary>
public static class MessageDescriber
{
    public static string Describe(IsoMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder(512);
        var tpdu = message.Tpdu;
        var header = message.Header;
        text.Append(CultureInfo.InvariantCulture,
            $"MTI {message.Mti:D4}  TPDU {tpdu.Id:X2} {tpdu.Destination:X4} {tpdu.Source:X4}  header app {header.ApplicationType:D2} version {header.SoftwareVersion:D2} status {header.TerminalStatus} requirement {header.ProcessingRequirement} sub-version {header.SubVersion:D6}");
        for (var field = message.NextField(1); field > 0; field = message.NextField(field))
        {
            text.AppendLine();
            text.Append(CultureInfo.InvariantCulture, $"  F{field,-3} {FieldNames.Of(field),-20} {Value(message, field)}");
        }

        return text.ToString();
    }

    private static string Value(IsoMessage message, int field) => field switch
    {
        2 => PanMask.Mask(message.GetAscii(2)),
        35 or 36 => "[track data]",
        52 => "[PIN block]",
        62 when message.Mti is 800 or 810 => $"[keys: {message.GetLength(62)} bytes]",
        62 => $"[private data: {message.GetLength(62)} bytes]",
        48 when message.Mti is 320 or 330 => UploadItems(message.GetAscii(48)!),
        _ => Printable(message, field),
    };

    private static string UploadItems(string digits)
    {
        if (!BatchUploadField.TryParse(digits, out var items))
            return digits;
        return $"{items.Length} item(s): {string.Join("; ", items.Select(item => item.ToString()))}";
    }

    private static string Printable(IsoMessage message, int field)
    {
        var spec = message.Dialect.GetField(field)!;
        if (spec.IsDigits)
            return message.GetAscii(field)!;
        var bytes = message.GetBytes(field);
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7E)
                return $"[hex {Convert.ToHexString(bytes)}]";
        }

        return $"\"{message.GetAscii(field)}\"";
    }
}
