using ActorSwitch.Iso8583;

namespace ActorSwitch.Central.Network;

/// <summary>The fields every answer echoes from its request (central.md), and the ones it adds.</summary>
public static class AnswerFields
{
    /// <summary>Financial answers echo F2, F3, F4, F7, F11, F32, F37, F41, F42, F49; network management
    /// answers F7, F11, F33, F70 (and F32 when the request had it).</summary>
    private static readonly int[] Echoed = [2, 3, 4, 7, 11, 32, 33, 37, 41, 42, 49, 70];

    public static void Start(IsoMessage answer, IsoMessage request, int answerMti)
    {
        answer.Clear();
        answer.SetMti(answerMti);
        var networkManagement = request.Mti / 100 % 10 == 8;
        foreach (var field in Echoed)
        {
            if (!request.Has(field)) continue;
            if (networkManagement ? field is 7 or 11 or 32 or 33 or 70 : field is not (33 or 70))
                answer.CopyFrom(request, field);
        }
    }

    /// <summary>F15 settlement date MMDD.</summary>
    public static void SetSettlementDate(IsoMessage answer, DateOnly date)
    {
        Span<char> mmdd = stackalloc char[4];
        date.TryFormat(mmdd, out _, "MMdd", System.Globalization.CultureInfo.InvariantCulture);
        answer.SetDigits(15, mmdd);
    }

    /// <summary>F54 as in the POS dialect: account type 10, amount type 02 (available), currency 156,
    /// C or D, amount n12.</summary>
    public static string Balance(long balanceFen) =>
        $"1002156{(balanceFen < 0 ? 'D' : 'C')}{Math.Abs(balanceFen):D12}";
}
