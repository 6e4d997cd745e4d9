namespace ActorSwitch.PosSim.Terminal;

/// <summary>Short names of the POS dialect's fields, for printing.</summary>
internal static class FieldNames
{
    public static string Of(int field) => field switch
    {
        2 => "PAN",
        3 => "processing code",
        4 => "amount",
        11 => "trace",
        12 => "local time",
        13 => "local date",
        14 => "expiry",
        15 => "settlement date",
        22 => "entry mode",
        23 => "card sequence",
        25 => "condition code",
        26 => "PIN capture",
        32 => "acquirer",
        35 => "track 2",
        36 => "track 3",
        37 => "RRN",
        38 => "auth code",
        39 => "response code",
        41 => "terminal",
        42 => "merchant",
        44 => "additional response",
        48 => "additional data",
        49 => "currency",
        52 => "PIN block",
        53 => "security control",
        54 => "balance",
        55 => "IC data",
        58 => "purse record",
        60 => "type/batch/code",
        61 => "original",
        62 => "keys/private",
        63 => "operator/org",
        64 => "MAC",
        _ => "",
    };
}
