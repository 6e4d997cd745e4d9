namespace ActorSwitch.Security.Module;

/// <summary>
/// A terminal master key as the key-loading device receives it: a TR-31 version D block
/// (header D....K0TB00N0000) under the device's KBPK, the key's 3-byte check value as 6 hex,
/// and the module's own handle of the key.
/// </summary>
public sealed record TerminalMasterKeyExport(KeyHandle TerminalMasterKey, string KeyBlock, string CheckValue);
