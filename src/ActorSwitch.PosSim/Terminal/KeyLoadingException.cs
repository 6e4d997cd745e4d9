namespace ActorSwitch.PosSim.Terminal;

/// <summary>A terminal master key could not be loaded: a bad key block, the wrong KBPK, or a check value mismatch.</summary>
public sealed class KeyLoadingException(string message) : Exception(message);
