using ActorSwitch.Security.SignOn;

namespace ActorSwitch.Switch.Terminals;

/// <summary>How a terminal model is served; a model with no entry of its own gets <see cref="TerminalModel.Default"/>.</summary>
public sealed record TerminalModel(bool AllowSingleDesSignOn, bool DoubleLengthMacKey)
{
    public static readonly TerminalModel Default = new(AllowSingleDesSignOn: false, DoubleLengthMacKey: false);
}

/// <summary>The terminal entity's settings (HOCON <c>actorswitch.terminals</c>).</summary>
public sealed record TerminalSettings
{
    /// <summary>The switch answers within this time; a centre slower than this gets the transaction reversed.</summary>
    public TimeSpan AnswerDeadline { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>More sign-ons than this in a minute are answered 65.</summary>
    public int SignOnsPerMinute { get; init; } = 10;

    public TimeSpan RefundWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>F32 of the answers: this province's acquirer id.</summary>
    public string AcquirerId { get; init; } = "48020000";

    public IReadOnlyDictionary<string, TerminalModel> Models { get; init; } = new Dictionary<string, TerminalModel>();

    public TerminalModel ModelOf(string model) => Models.TryGetValue(model, out var m) ? m : TerminalModel.Default;

    public static SignOnKeyLayout? LayoutOf(int networkManagementCode) => networkManagementCode switch
    {
        1 => SignOnKeyLayout.SingleLength,
        3 => SignOnKeyLayout.DoubleLength,
        4 => SignOnKeyLayout.DoubleLengthWithTrackKey,
        _ => null,
    };
}
