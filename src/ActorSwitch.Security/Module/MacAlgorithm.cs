namespace ActorSwitch.Security.Module;

/// <summary>MAC algorithms the module computes, with the key usage each requires.</summary>
public enum MacAlgorithm
{
    /// <summary>UnionPay POS "ECB" MAC, 8 ASCII bytes (F64). Key usage M1, single DES (8 bytes) or TDES (16).</summary>
    UnionPayEcb,
    /// <summary>ANSI X9.9, 8 bytes. Key usage M1, single DES.</summary>
    AnsiX99,
    /// <summary>ANSI X9.19 retail MAC, 8 bytes. Key usage M3, TDES.</summary>
    AnsiX919,
}
