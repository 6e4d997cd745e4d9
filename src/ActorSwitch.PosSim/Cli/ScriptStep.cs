using System.Globalization;

namespace ActorSwitch.PosSim.Cli;

/// <summary>One step of a session script: a verb, an optional amount in fen, an optional extra argument
/// (the offline authorisation code, the reversal reason).</summary>
internal sealed record ScriptStep(ScriptVerb Verb, long? Amount, string? Argument, string Text)
{
    private static readonly Dictionary<string, (ScriptVerb Verb, AmountRule Amount)> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["signon"] = (ScriptVerb.SignOn, AmountRule.None),
        ["signoff"] = (ScriptVerb.SignOff, AmountRule.None),
        ["echo"] = (ScriptVerb.Echo, AmountRule.None),
        ["balance"] = (ScriptVerb.Balance, AmountRule.None),
        ["purchase"] = (ScriptVerb.Purchase, AmountRule.Required),
        ["void"] = (ScriptVerb.Void, AmountRule.None),
        ["refund"] = (ScriptVerb.Refund, AmountRule.Optional),
        ["preauth"] = (ScriptVerb.PreAuthorization, AmountRule.Required),
        ["preauth-cancel"] = (ScriptVerb.PreAuthorizationCancel, AmountRule.None),
        ["completion"] = (ScriptVerb.Completion, AmountRule.Optional),
        ["completion-void"] = (ScriptVerb.CompletionVoid, AmountRule.None),
        ["offline"] = (ScriptVerb.OfflineSettlement, AmountRule.Required),
        ["purse"] = (ScriptVerb.Purse, AmountRule.Required),
        ["reversal"] = (ScriptVerb.Reversal, AmountRule.None),
        ["repeat"] = (ScriptVerb.Repeat, AmountRule.None),
        ["settle"] = (ScriptVerb.Settle, AmountRule.None),
    };

    private enum AmountRule
    {
        None,
        Optional,
        Required,
    }

    public static ScriptStep Parse(string token)
    {
        var parts = token.Split(':');
        if (!Verbs.TryGetValue(parts[0], out var verb))
            throw new CliUsageException($"Unknown script step '{token}'.");

        var rest = parts.AsSpan(1);
        long? amount = null;
        if (verb.Amount != AmountRule.None && rest.Length > 0)
        {
            amount = ParseAmount(rest[0], token);
            rest = rest[1..];
        }
        else if (verb.Amount == AmountRule.Required)
        {
            throw new CliUsageException($"Step '{token}' needs an amount in fen, e.g. {parts[0]}:1234.");
        }

        if (verb.Verb == ScriptVerb.Purse && amount > uint.MaxValue)
            throw new CliUsageException($"Step '{token}': a purse amount is 8 hex digits, at most {uint.MaxValue} fen.");
        var argument = ParseArgument(verb.Verb, rest, token);
        return new ScriptStep(verb.Verb, amount, argument, token);
    }

    private static string? ParseArgument(ScriptVerb verb, ReadOnlySpan<string> rest, string token)
    {
        if (rest.IsEmpty)
            return null;
        var valid = rest.Length == 1 && verb switch
        {
            ScriptVerb.OfflineSettlement => rest[0].Length is >= 1 and <= 6 && rest[0].All(char.IsAsciiLetterOrDigit),
            ScriptVerb.Reversal => rest[0] is "98" or "06" or "A0" or "a0",
            _ => false,
        };
        if (!valid)
            throw new CliUsageException($"Step '{token}' has an argument it does not take or cannot use.");
        return rest[0].ToUpperInvariant();
    }

    private static long ParseAmount(string text, string token)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount is < 1 or > 999_999_999_999)
            throw new CliUsageException($"Step '{token}': the amount is a whole number of fen, 1 to 999999999999.");
        return amount;
    }
}
