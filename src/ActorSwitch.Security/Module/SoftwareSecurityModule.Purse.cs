using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.Purse;

namespace ActorSwitch.Security.Module;

/// <summary>PBOC purse: card key diversification and the TAC of offline purchase records.</summary>
public sealed partial class SoftwareSecurityModule
{
    public KeyHandle DeriveCardKey(KeyHandle masterKey, ReadOnlySpan<byte> cardSerial)
    {
        var master = Use(masterKey, KeyOperation.DeriveCardKey);
        Span<byte> cardKey = stackalloc byte[PbocKeyDiversification.SubKeyLength];
        try
        {
            Diversify(master, cardSerial, cardKey);
            // Exportable: card keys go to personalisation under a KEK; the master never leaves.
            var header = new KeyBlockHeader(KeyBlockVersion.D, master.Header.Usage, KeyAlgorithm.Tdes, KeyModeOfUse.NoSpecialRestrictions,
                "00", KeyExportability.Exportable);
            return Store(header, cardKey);
        }
        finally
        {
            cardKey.Clear();
        }
    }

    public void GenerateTac(KeyHandle tacMasterKey, ReadOnlySpan<byte> cardSerial, ReadOnlySpan<byte> tacInput, Span<byte> tac)
    {
        var master = Use(tacMasterKey, KeyOperation.DeriveCardKey);
        Span<byte> cardKey = stackalloc byte[PbocKeyDiversification.SubKeyLength];
        Diversify(master, cardSerial, cardKey);
        TransactionAuthenticationCode.Compute(cardKey, tacInput, tac);
        cardKey.Clear();
    }

    public bool VerifyTac(KeyHandle tacMasterKey, ReadOnlySpan<byte> cardSerial, ReadOnlySpan<byte> tacInput, ReadOnlySpan<byte> tac)
    {
        var master = Use(tacMasterKey, KeyOperation.DeriveCardKey);
        Span<byte> cardKey = stackalloc byte[PbocKeyDiversification.SubKeyLength];
        Diversify(master, cardSerial, cardKey);
        var verified = TransactionAuthenticationCode.Verify(cardKey, tacInput, tac);
        cardKey.Clear();
        return verified;
    }

    private static void Diversify(LoadedKey master, ReadOnlySpan<byte> cardSerial, Span<byte> cardKey)
    {
        if (cardSerial.Length < PbocKeyDiversification.FactorLength)
            throw new SecurityModuleException(SecurityFailure.InvalidInput, "A card serial is at least 8 bytes.");
        PbocKeyDiversification.Diversify(master.Des, cardSerial[^PbocKeyDiversification.FactorLength..], cardKey);
    }
}
