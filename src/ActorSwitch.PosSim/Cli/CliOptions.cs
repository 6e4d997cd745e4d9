using ActorSwitch.Security.SignOn;

namespace ActorSwitch.PosSim.Cli;

/// <summary>Everything the command line says, checked for form.</summary>
internal sealed record CliOptions
{
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 5800;
    public string MerchantId { get; init; } = "";
    public string TerminalId { get; init; } = "";
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public int ApplicationType { get; init; } = 60;
    public int SoftwareVersion { get; init; } = 31;
    public SignOnKeyLayout Layout { get; init; } = SignOnKeyLayout.DoubleLength;
    public bool DoubleLengthMacKey { get; init; }
    public string OperatorCode { get; init; } = "001";

    public string? TmkBlock { get; init; }
    public string? Kcv { get; init; }
    public byte[]? Kbpk { get; init; }
    public byte[]? ClearTmk { get; init; }
    public Uri? AdminUrl { get; init; }
    public string? Token { get; init; }
    public bool Register { get; init; }
    public string? MerchantName { get; init; }
    public string? Mcc { get; init; }
    public int FeeRate { get; init; } = 60;
    public string Model { get; init; } = "PosSim";
    public bool Development { get; init; }

    public int CardSerial { get; init; } = 1;
    public string? Pin { get; init; }

    public byte[]? TacMasterKey { get; init; }
    public byte[] PurseSerial { get; init; } = Convert.FromHexString("2016122100001003");
    public uint PurseBalance { get; init; } = 100_000;
    public byte[] PsamTerminal { get; init; } = Convert.FromHexString("360486600002");

    public bool Help { get; init; }
    public IReadOnlyList<ScriptStep> Script { get; init; } = [];
}
