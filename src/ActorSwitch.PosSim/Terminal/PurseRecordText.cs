using System.Buffers.Binary;
using ActorSwitch.Security.Purse;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// Writes the 80-character F58 record of an offline purse purchase (section 7): serial 16 hex, offline
/// sequence 4 hex, balance before 8 hex, amount 8 hex, type 2 hex, PSAM terminal 12 hex, PSAM sequence
/// 8 hex, date YYYYMMDD, time hhmmss, TAC 8 hex. The reverse of <see cref="OfflinePurseRecord.TryParse"/>.
/// </summary>
public static class PurseRecordText
{
    public static string Format(OfflinePurseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.CardSerial.Length != 8 || record.PsamTerminal.Length != 6 || record.DateBcd.Length != 4
            || record.TimeBcd.Length != 3 || record.Tac.Length != 4)
            throw new ArgumentException("The record's parts do not have their section 7 lengths.", nameof(record));

        // Every part is a big-endian number or BCD digits, so the record is one hex string of its 40 bytes.
        Span<byte> bytes = stackalloc byte[OfflinePurseRecord.TextLength / 2];
        record.CardSerial.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[8..], record.OfflineSequence);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[10..], record.BalanceBefore);
        record.WriteTacInput(bytes[14..36]);
        record.Tac.CopyTo(bytes[36..]);
        return Convert.ToHexString(bytes);
    }
}
