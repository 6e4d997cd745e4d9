namespace ActorSwitch.Ctl;

/// <summary>A terminal as written on the command line: <c>merchantId/terminalId</c> (F42/F41).</summary>
public readonly record struct TerminalName(string MerchantId, string TerminalId)
{
    public const string Format = "merchantId/terminalId, for example 309310083985008/50080001";

    public static bool TryParse(string? text, out TerminalName name)
    {
        name = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0) return false;
        name = new TerminalName(parts[0], parts[1]);
        return true;
    }

    public static TerminalName Parse(string? text) => TryParse(text, out var name)
        ? name
        : throw new CtlException(ExitCodes.Usage, $"a terminal is written {Format}, not '{text}'");

    /// <summary>The operator API path of the terminal: <c>merchants/{m}/terminals/{t}</c>.</summary>
    public string ApiPath => $"merchants/{Uri.EscapeDataString(MerchantId)}/terminals/{Uri.EscapeDataString(TerminalId)}";

    public override string ToString() => MerchantId + "/" + TerminalId;
}
