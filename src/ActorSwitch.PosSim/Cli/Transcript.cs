using ActorSwitch.Iso8583;
using ActorSwitch.PosSim.Terminal;

namespace ActorSwitch.PosSim.Cli;

/// <summary>Prints a session: each step, its request and answer field by field (PANs masked, secrets
/// never shown), and a one-line summary of what the terminal made of the answer.</summary>
internal sealed class Transcript(TextWriter output, TimeSpan answerTimeout)
{
    public void Step(ScriptStep step)
    {
        output.WriteLine();
        output.WriteLine($"== {step.Text}");
    }

    public void Note(string text) => output.WriteLine($"   {text}");

    public void Exchange(TransactionResult result)
    {
        Message(">> ", result.Request);
        switch (result.Outcome)
        {
            case ExchangeOutcome.Answered:
                Message("<< ", result.Answer!);
                output.WriteLine($"   => {Summary(result)}");
                break;
            case ExchangeOutcome.MalformedAnswer:
                output.WriteLine($"<< malformed answer{(result.AnswerError is { } error ? $": {error.Kind} in field {error.Field} at byte {error.Offset}" : ": bad length prefix, connection closed")}");
                break;
            case ExchangeOutcome.TimedOut:
                output.WriteLine($"<< no answer within {answerTimeout.TotalSeconds:0} s");
                break;
            case ExchangeOutcome.ConnectionClosed:
                output.WriteLine("<< connection closed by the switch");
                break;
            case ExchangeOutcome.NotConnected:
                output.WriteLine("<< could not connect to the switch");
                break;
        }
    }

    private void Message(string prefix, IsoMessage message)
    {
        foreach (var line in MessageDescriber.Describe(message).Split('\n'))
            output.WriteLine(prefix + line);
    }

    private static string Summary(TransactionResult result)
    {
        var parts = new List<string> { $"{result.ResponseCode} {(result.IsApproved ? "approved" : "not approved")}" };
        if (result.RetrievalReference is { } rrn)
            parts.Add($"RRN {rrn}");
        if (result.AuthorizationCode is { } auth)
            parts.Add($"auth {auth}");
        if (result.SettlementDate is { } date)
            parts.Add($"settlement date {date}");
        if (result.Balance is { } balance)
            parts.Add($"balance {balance.Amount / 100m:0.00} ({balance.Currency})");
        parts.Add($"MAC {result.AnswerMac.ToString().ToLowerInvariant()}");
        parts.Add(result.AnswerTpduSwapped ? "TPDU swapped" : "TPDU NOT swapped");
        parts.Add($"requirement {result.ProcessingRequirement}");
        switch (result)
        {
            case SignOnResult signOn:
                parts.Add($"keys {signOn.KeyStatus}");
                parts.Add($"batch {signOn.AssignedBatch:D6}");
                break;
            case SettlementResult settlement:
                parts.Add($"result domestic {settlement.DomesticResult} foreign {settlement.ForeignResult}");
                break;
        }

        return string.Join(" | ", parts);
    }
}
