namespace ActorSwitch.Security.KeyBlocks;

/// <summary>TR-31 header byte 8: the operations the wrapped key may perform.</summary>
public enum KeyModeOfUse
{
    /// <summary>Encrypt/wrap and decrypt/unwrap.</summary>
    Both = 'B',
    /// <summary>Generate and verify (MAC, PVV, ...).</summary>
    GenerateAndVerify = 'C',
    /// <summary>Decrypt/unwrap only.</summary>
    DecryptOnly = 'D',
    /// <summary>Encrypt/wrap only.</summary>
    EncryptOnly = 'E',
    GenerateOnly = 'G',
    NoSpecialRestrictions = 'N',
    SignatureOnly = 'S',
    /// <summary>Sign and decrypt.</summary>
    SignAndDecrypt = 'T',
    VerifyOnly = 'V',
    /// <summary>Key used to derive other keys.</summary>
    DeriveKeys = 'X',
    /// <summary>Key used to create key variants.</summary>
    CreateVariants = 'Y',
}
