namespace ActorSwitch.Central.Ledger;

/// <summary>The F39 codes the centre answers (pos-interface.md section 5).</summary>
public static class ResponseCodes
{
    public const string Approved = "00";
    public const string DoNotHonour = "05";
    public const string InvalidTransaction = "12";
    public const string InvalidAmount = "13";
    public const string InvalidCard = "14";
    public const string OriginalNotFound = "25";
    public const string FormatError = "30";
    public const string InsufficientFunds = "51";
    public const string WrongPin = "55";
    public const string PinTriesExceeded = "75";
    public const string IssuerInoperative = "91";
    public const string Duplicate = "94";
    public const string SystemMalfunction = "96";
    public const string PinFormatError = "99";
    public const string MacFailed = "A0";

    /// <summary>Two characters an2, as an injected decline must be.</summary>
    public static bool IsWellFormed(string? code) => code is { Length: 2 } && code.All(char.IsAsciiLetterOrDigit);
}
