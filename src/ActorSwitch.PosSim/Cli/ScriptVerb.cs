namespace ActorSwitch.PosSim.Cli;

/// <summary>The steps a session script can take.</summary>
internal enum ScriptVerb
{
    SignOn,
    SignOff,
    Echo,
    Balance,
    Purchase,
    Void,
    Refund,
    PreAuthorization,
    PreAuthorizationCancel,
    Completion,
    CompletionVoid,
    OfflineSettlement,
    Purse,
    Reversal,
    Repeat,
    Settle,
}
