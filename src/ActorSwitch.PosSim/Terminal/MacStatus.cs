namespace ActorSwitch.PosSim.Terminal;

/// <summary>What the terminal found in an answer's F64.</summary>
public enum MacStatus
{
    /// <summary>The answer carries no MAC.</summary>
    Absent,
    /// <summary>The MAC verifies under the current MAK.</summary>
    Valid,
    /// <summary>The MAC does not verify, or the terminal holds no MAK to check it with.</summary>
    Invalid,
}
