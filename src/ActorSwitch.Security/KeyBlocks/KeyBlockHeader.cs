using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace ActorSwitch.Security.KeyBlocks;

/// <summary>
/// The clear, MAC-protected header of a TR-31 key block: 16 fixed characters (version, length, usage,
/// algorithm, mode of use, key version, exportability, optional block count, reserved "00") then the
/// optional blocks.
/// </summary>
public sealed record KeyBlockHeader(
    KeyBlockVersion Version,
    KeyUsage Usage,
    KeyAlgorithm Algorithm,
    KeyModeOfUse ModeOfUse,
    string KeyVersion,
    KeyExportability Exportability,
    IReadOnlyList<OptionalBlock> OptionalBlocks)
{
    public const int FixedLength = 16;

    public KeyBlockHeader(KeyBlockVersion version, KeyUsage usage, KeyAlgorithm algorithm, KeyModeOfUse modeOfUse,
        string keyVersion = "00", KeyExportability exportability = KeyExportability.NonExportable)
        : this(version, usage, algorithm, modeOfUse, keyVersion, exportability, [])
    {
    }

    /// <summary>Characters of the header as written: 16 plus the optional blocks.</summary>
    public int TextLength => FixedLength + OptionalBlocks.Sum(block => block.TextLength);

    /// <summary>Cipher block size of the version: 16 for AES (D), 8 for TDES.</summary>
    public int CipherBlockSize => Version == KeyBlockVersion.D ? 16 : 8;

    /// <summary>
    /// The same header with any padding block replaced by one that makes the header a whole number of
    /// cipher blocks, as the standard requires.
    /// </summary>
    public KeyBlockHeader WithPaddingBlock()
    {
        var blocks = OptionalBlocks.Where(block => block.Id != OptionalBlock.PaddingId).ToList();
        var unpadded = FixedLength + blocks.Sum(block => block.TextLength);
        var shortfall = (CipherBlockSize - unpadded % CipherBlockSize) % CipherBlockSize;
        if (shortfall == 0)
            return this with { OptionalBlocks = blocks };
        if (shortfall < 4)
            shortfall += CipherBlockSize;
        blocks.Add(new OptionalBlock(OptionalBlock.PaddingId, new string('0', shortfall - 4)));
        return this with { OptionalBlocks = blocks };
    }

    /// <summary>The header text for a block of <paramref name="blockLength"/> characters.</summary>
    public string Format(int blockLength)
    {
        var text = new StringBuilder(TextLength);
        text.Append((char)Version)
            .Append(blockLength.ToString("D4", CultureInfo.InvariantCulture))
            .Append(Usage.Code)
            .Append((char)Algorithm)
            .Append((char)ModeOfUse)
            .Append(KeyVersion)
            .Append((char)Exportability)
            .Append(OptionalBlocks.Count.ToString("D2", CultureInfo.InvariantCulture))
            .Append("00");
        foreach (var block in OptionalBlocks)
            block.AppendTo(text);
        return text.ToString();
    }

    /// <summary>Checks the fields a caller set before the header is written into a block.</summary>
    public bool IsWellFormed =>
        Enum.IsDefined(Version) && Usage.Code is not null && IsAlphanumeric((char)Algorithm)
        && IsAlphanumeric((char)ModeOfUse) && KeyVersion is { Length: 2 } && KeyVersion.All(IsAlphanumeric)
        && IsAlphanumeric((char)Exportability) && OptionalBlocks.Count <= 99
        && OptionalBlocks.All(block => block.IsWellFormed);

    /// <summary>
    /// Parses the header at the start of <paramref name="block"/>; <paramref name="declaredLength"/> is the
    /// block length the header states and <paramref name="headerLength"/> the characters it spans.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> block, [NotNullWhen(true)] out KeyBlockHeader? header,
        out int declaredLength, out int headerLength, out KeyBlockError error)
    {
        header = null;
        declaredLength = 0;
        headerLength = 0;
        if (block.Length < FixedLength)
            return Fail(KeyBlockError.MalformedBlock, out error);
        if (block[0] is not ('A' or 'B' or 'C' or 'D'))
            return Fail(KeyBlockError.UnsupportedVersion, out error);
        if (!TryParseDecimal(block.Slice(1, 4), out declaredLength) || !TryParseDecimal(block.Slice(12, 2), out var blockCount)
            || !block[5..12].ToString().All(IsAlphanumeric) || block[14] != '0' || block[15] != '0')
            return Fail(KeyBlockError.MalformedHeader, out error);

        var optionalBlocks = new List<OptionalBlock>(blockCount);
        var position = FixedLength;
        for (var index = 0; index < blockCount; index++)
        {
            if (!TryParseOptionalBlock(block, ref position, out var optional))
                return Fail(KeyBlockError.MalformedOptionalBlock, out error);
            optionalBlocks.Add(optional);
        }

        header = new KeyBlockHeader(
            (KeyBlockVersion)block[0],
            new KeyUsage(block.Slice(5, 2).ToString()),
            (KeyAlgorithm)block[7],
            (KeyModeOfUse)block[8],
            block.Slice(9, 2).ToString(),
            (KeyExportability)block[11],
            optionalBlocks);
        headerLength = position;
        error = KeyBlockError.None;
        return true;
    }

    private static bool TryParseOptionalBlock(ReadOnlySpan<char> block, ref int position, [NotNullWhen(true)] out OptionalBlock? optional)
    {
        optional = null;
        if (position + 4 > block.Length)
            return false;
        var id = block.Slice(position, 2);
        if (!IsAlphanumeric(id[0]) || !IsAlphanumeric(id[1]) || !TryParseHex(block.Slice(position + 2, 2), out var length))
            return false;

        var prefix = 4;
        if (length == 0)
        {
            // Extended length: "00", the number of hex digits that follow, then the length itself.
            if (position + 6 > block.Length || !TryParseHex(block.Slice(position + 4, 2), out var digits)
                || digits is < 1 or > 4 || position + 6 + digits > block.Length
                || !TryParseHex(block.Slice(position + 6, digits), out length))
                return false;
            prefix = 6 + digits;
        }

        if (length < prefix || position + length > block.Length)
            return false;
        optional = new OptionalBlock(id.ToString(), block.Slice(position + prefix, length - prefix).ToString());
        position += length;
        return true;
    }

    private static bool TryParseDecimal(ReadOnlySpan<char> digits, out int value) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryParseHex(ReadOnlySpan<char> digits, out int value) =>
        int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    private static bool IsAlphanumeric(char c) => char.IsAsciiLetterOrDigit(c);

    private static bool Fail(KeyBlockError reason, out KeyBlockError error)
    {
        error = reason;
        return false;
    }
}
