namespace ActorSwitch.PosSim.Cli;

/// <summary>The command line is wrong: the message says what, and the usage text follows it.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
