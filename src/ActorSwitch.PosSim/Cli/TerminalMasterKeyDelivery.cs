namespace ActorSwitch.PosSim.Cli;

/// <summary>The operator API's answer to a TMK request: the TR-31 block and the key's check value.</summary>
internal sealed record TerminalMasterKeyDelivery(string KeyBlock, string? Kcv);
