namespace ActorSwitch.PosSim.Cli;

/// <summary>The operator API refused a request or could not be reached.</summary>
internal sealed class OperatorApiException(string message) : Exception(message);
