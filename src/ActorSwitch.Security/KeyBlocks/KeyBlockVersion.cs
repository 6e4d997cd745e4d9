namespace ActorSwitch.Security.KeyBlocks;

/// <summary>TR-31 / ANSI X9.143 key block version: how the key is bound to its header.</summary>
public enum KeyBlockVersion
{
    /// <summary>TDES, key variant binding (KBEK = KBPK ^ 0x45, KBMK = KBPK ^ 0x4D), 4-byte CBC-MAC.</summary>
    A = 'A',
    /// <summary>TDES, key derivation binding (CMAC-based KDF), 8-byte CMAC.</summary>
    B = 'B',
    /// <summary>TDES, key variant binding as version A.</summary>
    C = 'C',
    /// <summary>AES, key derivation binding (CMAC-based KDF, TR-31:2018), 16-byte CMAC.</summary>
    D = 'D',
}
