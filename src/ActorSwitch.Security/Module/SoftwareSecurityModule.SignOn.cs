using ActorSwitch.Security.KeyBlocks;
using ActorSwitch.Security.SignOn;

namespace ActorSwitch.Security.Module;

/// <summary>Working keys of a terminal's sign-on.</summary>
public sealed partial class SoftwareSecurityModule
{
    public SignOnWorkingKeys IssueWorkingKeys(KeyHandle terminalMasterKey, SignOnKeyLayout layout, bool doubleLengthMacKey = false)
    {
        var tmk = Use(terminalMasterKey, KeyOperation.WrapKey);
        if (tmk.Header.Algorithm != KeyAlgorithm.Tdes)
            throw new SecurityModuleException(SecurityFailure.AlgorithmNotPermitted, "Working keys travel under a TDES terminal master key.");
        if (!Enum.IsDefined(layout))
            throw new SecurityModuleException(SecurityFailure.InvalidInput, $"Layout {(int)layout:D3} is not a sign-on key layout.");

        var singleLength = layout == SignOnKeyLayout.SingleLength;
        var pik = NewKey(KeyAlgorithm.Tdes, singleLength ? 8 : 16);
        var mak = NewKey(KeyAlgorithm.Tdes, doubleLengthMacKey && !singleLength ? 16 : 8);
        var tdk = layout == SignOnKeyLayout.DoubleLengthWithTrackKey ? NewKey(KeyAlgorithm.Tdes, 16) : [];
        try
        {
            var field = new byte[SignOnKeyField.LengthOf(layout)];
            SignOnKeyField.Write(tmk.Des, layout, pik, mak, tdk, field);

            // The switch only decrypts what the terminal encrypts with the PIK and TDK, and both MACs its messages.
            var pinKey = Store(WorkingKeyHeader(KeyUsage.PinEncryption, pik, KeyModeOfUse.DecryptOnly), pik);
            var macKey = Store(WorkingKeyHeader(KeyUsage.MacIso9797Algorithm1, mak, KeyModeOfUse.GenerateAndVerify), mak);
            var trackKey = tdk.Length == 0 ? null : Store(WorkingKeyHeader(KeyUsage.DataEncryption, tdk, KeyModeOfUse.DecryptOnly), tdk);
            return new SignOnWorkingKeys(layout, field, pinKey, macKey, trackKey);
        }
        finally
        {
            Clear(pik);
            Clear(mak);
            Clear(tdk);
        }
    }

    private static KeyBlockHeader WorkingKeyHeader(KeyUsage usage, byte[] key, KeyModeOfUse mode) =>
        new(KeyBlockVersion.D, usage, key.Length == 8 ? KeyAlgorithm.Des : KeyAlgorithm.Tdes, mode);
}
