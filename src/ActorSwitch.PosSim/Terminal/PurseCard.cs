using ActorSwitch.Security.Ciphers;
using ActorSwitch.Security.Purse;

namespace ActorSwitch.PosSim.Terminal;

/// <summary>
/// The phone's payment SIM as a PBOC electronic purse, for offline purchases: its application serial
/// number, balance and offline sequence, and its TAC key DTK, diversified from the issuer's TAC master key
/// by the serial (section 7). Each purchase debits the purse and returns the record the terminal uploads.
/// </summary>
public sealed class PurseCard
{
    public const byte PurchaseTransactionType = 0x06;

    private readonly byte[] _serial;
    private readonly byte[] _tacKey = new byte[PbocKeyDiversification.SubKeyLength];

    public PurseCard(ReadOnlySpan<byte> applicationSerial, ReadOnlySpan<byte> issuerTacMasterKey, uint balance, ushort offlineSequence = 0)
    {
        if (applicationSerial.Length < PbocKeyDiversification.FactorLength)
            throw new ArgumentException("A card application serial number has at least 8 bytes.", nameof(applicationSerial));
        _serial = applicationSerial[^8..].ToArray();
        PbocKeyDiversification.Diversify(new DesCipher(issuerTacMasterKey), _serial, _tacKey);
        Balance = balance;
        OfflineSequence = offlineSequence;
    }

    /// <summary>The purse balance in fen.</summary>
    public uint Balance { get; private set; }

    /// <summary>The offline sequence the next purchase will carry.</summary>
    public ushort OfflineSequence { get; private set; }

    public string SerialHex => Convert.ToHexString(_serial);

    /// <summary>Debits the purse and returns the purchase record with its TAC.</summary>
    /// <param name="localTime">The terminal's local date and time of the purchase (YYYYMMDD hhmmss in the record).</param>
    public OfflinePurseRecord Purchase(uint amount, Psam psam, DateTime localTime)
    {
        ArgumentNullException.ThrowIfNull(psam);
        if (amount == 0 || amount > Balance)
            throw new InvalidOperationException($"The purse holds {Balance} fen: it cannot pay {amount}.");

        var record = new OfflinePurseRecord(
            CardSerial: _serial.ToArray(),
            OfflineSequence: OfflineSequence,
            BalanceBefore: Balance,
            Amount: amount,
            TransactionType: PurchaseTransactionType,
            PsamTerminal: psam.TerminalNumber.ToArray(),
            PsamSequence: psam.NextSequence(),
            DateBcd: Convert.FromHexString(localTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)),
            TimeBcd: Convert.FromHexString(localTime.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture)),
            Tac: new byte[TransactionAuthenticationCode.Length]);

        Span<byte> tacInput = stackalloc byte[OfflinePurseRecord.TacInputLength];
        record.WriteTacInput(tacInput);
        TransactionAuthenticationCode.Compute(_tacKey, tacInput, record.Tac);

        Balance -= amount;
        OfflineSequence = (ushort)(OfflineSequence + 1);
        return record;
    }
}
