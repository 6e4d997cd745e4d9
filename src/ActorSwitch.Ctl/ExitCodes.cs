namespace ActorSwitch.Ctl;

/// <summary>switchctl's exit codes (also in README.md): scripts can tell what went wrong without parsing text.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command ran, and its answer is bad news (health: the node is not ready).</summary>
    public const int NotOk = 1;
    /// <summary>The command line is wrong (unknown command, missing argument, bad --node URL, a terminal not written merchant/terminal).</summary>
    public const int Usage = 2;
    /// <summary>The node could not be reached, or did not answer in time.</summary>
    public const int Unreachable = 3;
    /// <summary>The node refused the token (401).</summary>
    public const int Unauthorized = 4;
    /// <summary>The node refused the request (400, 409): the message names the field.</summary>
    public const int Rejected = 5;
    /// <summary>What the command names does not exist (404).</summary>
    public const int NotFound = 6;
    /// <summary>The node failed (5xx) or answered something switchctl does not understand.</summary>
    public const int NodeError = 7;
}

/// <summary>An expected failure: printed as one clear message, never as a stack trace.</summary>
public sealed class CtlException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
