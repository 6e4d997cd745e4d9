using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace ActorSwitch.Security.Purse;

/// <summary>
/// The 80-character offline e-purse purchase record of F58 (POS interface, section 7): card serial (16 hex),
/// offline sequence (4 hex), balance before (8 hex), amount (8 hex), type (2 hex), PSAM terminal (12 hex),
/// PSAM sequence (8 hex), date YYYYMMDD, time hhmmss, TAC (8 hex).
/// </summary>
public sealed record OfflinePurseRecord(
    byte[] CardSerial,
    ushort OfflineSequence,
    uint BalanceBefore,
    uint Amount,
    byte TransactionType,
    byte[] PsamTerminal,
    uint PsamSequence,
    byte[] DateBcd,
    byte[] TimeBcd,
    byte[] Tac)
{
    public const int TextLength = 80;
    public const int TacInputLength = 22;

    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out OfflinePurseRecord? record)
    {
        record = null;
        if (text.Length != TextLength)
            return false;
        Span<byte> bytes = stackalloc byte[TextLength / 2];
        // Every field is hex or decimal digits, and BCD digits are valid hex, so the record decodes as one hex string.
        if (Convert.FromHexString(text, bytes, out _, out _) != OperationStatus.Done || !IsBcd(bytes.Slice(29, 7)))
            return false;

        record = new OfflinePurseRecord(
            CardSerial: bytes[..8].ToArray(),
            OfflineSequence: BinaryPrimitives.ReadUInt16BigEndian(bytes[8..]),
            BalanceBefore: BinaryPrimitives.ReadUInt32BigEndian(bytes[10..]),
            Amount: BinaryPrimitives.ReadUInt32BigEndian(bytes[14..]),
            TransactionType: bytes[18],
            PsamTerminal: bytes.Slice(19, 6).ToArray(),
            PsamSequence: BinaryPrimitives.ReadUInt32BigEndian(bytes[25..]),
            DateBcd: bytes.Slice(29, 4).ToArray(),
            TimeBcd: bytes.Slice(33, 3).ToArray(),
            Tac: bytes.Slice(36, 4).ToArray());
        return true;
    }

    /// <summary>The 22 bytes the TAC covers: amount, type, PSAM terminal, PSAM sequence, date, time.</summary>
    public void WriteTacInput(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, Amount);
        destination[4] = TransactionType;
        PsamTerminal.CopyTo(destination[5..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination[11..], PsamSequence);
        DateBcd.CopyTo(destination[15..]);
        TimeBcd.CopyTo(destination[19..]);
    }

    private static bool IsBcd(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b >> 4 > 9 || (b & 0xF) > 9)
                return false;
        }

        return true;
    }
}
