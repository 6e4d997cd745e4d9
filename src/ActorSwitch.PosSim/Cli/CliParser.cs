using System.Globalization;
using ActorSwitch.Security.SignOn;

namespace ActorSwitch.PosSim.Cli;

/// <summary>
/// Parses <c>--name value</c> (or <c>--name=value</c>) options, switches, and script steps (every other
/// argument; one argument may hold several steps separated by spaces). Throws <see cref="CliUsageException"/>.
/// </summary>
internal static class CliParser
{
    private static readonly HashSet<string> Switches = new(StringComparer.Ordinal)
    {
        "--dev", "--register", "--double-mak", "--help", "-h",
    };

    public static CliOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CliOptions();
        var steps = new List<ScriptStep>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-'))
            {
                steps.AddRange(arg.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ScriptStep.Parse));
                continue;
            }

            var (name, inlineValue) = SplitInline(arg);
            if (Switches.Contains(name))
            {
                if (inlineValue is not null)
                    throw new CliUsageException($"{name} takes no value.");
                options = ApplySwitch(options, name);
                continue;
            }

            var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new CliUsageException($"{name} needs a value."));
            options = Apply(options, name, value);
        }

        options = options with { Script = steps.Count > 0 ? steps : [ScriptStep.Parse("signon")] };
        return options.Help ? options : Validate(options);
    }

    private static (string Name, string? Value) SplitInline(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (arg, null) : (arg[..equals], arg[(equals + 1)..]);
    }

    private static CliOptions ApplySwitch(CliOptions options, string name) => name switch
    {
        "--dev" => options with { Development = true },
        "--register" => options with { Register = true },
        "--double-mak" => options with { DoubleLengthMacKey = true },
        _ => options with { Help = true },
    };

    private static CliOptions Apply(CliOptions options, string name, string value) => name switch
    {
        "--host" => options with { Host = value },
        "--port" => options with { Port = Integer(name, value, 1, 65535) },
        "--merchant" => options with { MerchantId = value },
        "--terminal" => options with { TerminalId = value },
        "--timeout" => options with { AnswerTimeout = TimeSpan.FromSeconds(Integer(name, value, 1, 3600)) },
        "--app-type" => options with { ApplicationType = Integer(name, value, 0, 99) },
        "--version" => options with { SoftwareVersion = Integer(name, value, 0, 99) },
        "--layout" => options with { Layout = Layout(value) },
        "--operator" => options with { OperatorCode = value },
        "--tmk-block" => options with { TmkBlock = value },
        "--kcv" => options with { Kcv = value },
        "--kbpk" => options with { Kbpk = Hex(name, value, 16, 24, 32) },
        "--tmk" => options with { ClearTmk = Hex(name, value, 16, 24) },
        "--admin" => options with { AdminUrl = Url(name, value) },
        "--token" => options with { Token = value },
        "--name" => options with { MerchantName = value },
        "--mcc" => options with { Mcc = value },
        "--fee-rate" => options with { FeeRate = Integer(name, value, 0, 10_000) },
        "--model" => options with { Model = value },
        "--card" => options with { CardSerial = Integer(name, value, 1, 10_000) },
        "--pin" => options with { Pin = value },
        "--tac-master-key" => options with { TacMasterKey = Hex(name, value, 16) },
        "--purse-serial" => options with { PurseSerial = Hex(name, value, 8) },
        "--purse-balance" => options with { PurseBalance = (uint)Integer(name, value, 0, int.MaxValue) },
        "--psam" => options with { PsamTerminal = Hex(name, value, 6) },
        _ => throw new CliUsageException($"Unknown option {name}."),
    };

    private static CliOptions Validate(CliOptions options)
    {
        if (options.MerchantId.Length != 15)
            throw new CliUsageException("--merchant is required: 15 characters (F42).");
        if (options.TerminalId.Length != 8)
            throw new CliUsageException("--terminal is required: 8 characters (F41).");
        if (options.OperatorCode.Length != 3)
            throw new CliUsageException("--operator is 3 characters.");
        if (options.Pin is { } pin && (pin.Length is < 4 or > 12 || !pin.All(char.IsAsciiDigit)))
            throw new CliUsageException("--pin is 4 to 12 digits.");
        var sources = (options.ClearTmk is null ? 0 : 1) + (options.TmkBlock is null ? 0 : 1) + (options.AdminUrl is null ? 0 : 1);
        if (sources != 1)
            throw new CliUsageException("Give the terminal master key one way: --tmk-block, --tmk or --admin.");
        if (options.AdminUrl is not null && string.IsNullOrEmpty(options.Token))
            throw new CliUsageException("--admin needs --token.");
        if (options.Register && options.AdminUrl is null)
            throw new CliUsageException("--register needs --admin.");
        if (options.TmkBlock is not null || options.AdminUrl is not null)
        {
            if (options.Kbpk is null && !options.Development)
                throw new CliUsageException("A TMK key block needs the key-loading device's KBPK: --kbpk <hex>, or --dev for the demo KBPK.");
        }

        return options;
    }

    private static int Integer(string name, string value, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
            throw new CliUsageException($"{name} is a whole number from {min} to {max}, not '{value}'.");
        return number;
    }

    private static byte[] Hex(string name, string value, params int[] byteLengths)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(value);
        }
        catch (FormatException)
        {
            throw new CliUsageException($"{name} is hexadecimal.");
        }

        if (!byteLengths.Contains(bytes.Length))
            throw new CliUsageException($"{name} is {string.Join(" or ", byteLengths.Select(n => n * 2))} hex digits.");
        return bytes;
    }

    private static SignOnKeyLayout Layout(string value) => value switch
    {
        "001" or "1" => SignOnKeyLayout.SingleLength,
        "003" or "3" => SignOnKeyLayout.DoubleLength,
        "004" or "4" => SignOnKeyLayout.DoubleLengthWithTrackKey,
        _ => throw new CliUsageException("--layout is 001, 003 or 004."),
    };

    private static Uri Url(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliUsageException($"{name} is an http(s) URL, not '{value}'.");
}
