namespace ActorSwitch.Switch.Pos;

/// <summary>F39 response codes of the POS dialect (pos-interface.md section 5).</summary>
public static class ResponseCodes
{
    public const string Approved = "00";
    public const string InvalidMerchant = "03";
    public const string DoNotHonour = "05";
    public const string InvalidTransaction = "12";
    public const string InvalidAmount = "13";
    public const string InvalidCard = "14";
    public const string SuspectedMalfunction = "22";
    public const string OriginalNotFound = "25";
    public const string FormatError = "30";
    public const string FunctionNotSupported = "40";
    public const string LostCard = "41";
    public const string StolenCard = "43";
    public const string InsufficientFunds = "51";
    public const string ExpiredCard = "54";
    public const string WrongPin = "55";
    public const string NotPermittedToCardholder = "57";
    public const string NotPermittedToTerminal = "58";
    public const string AmountLimitExceeded = "61";
    public const string OriginalAmountWrong = "64";
    public const string CountLimitExceeded = "65";
    public const string PinTriesExceeded = "75";
    public const string EndOfDayInProgress = "90";
    public const string IssuerOrSwitchInoperative = "91";
    public const string Duplicate = "94";
    public const string SystemMalfunction = "96";
    public const string TerminalNotRegistered = "97";
    public const string NoAnswerFromCentre = "98";
    public const string PinFormatError = "99";
    public const string MacFailed = "A0";
    public const string SecurityProcessingFailed = "A7";
}
