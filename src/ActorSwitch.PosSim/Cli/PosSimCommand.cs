using ActorSwitch.PosSim.Terminal;
using ActorSwitch.Iso8583;

namespace ActorSwitch.PosSim.Cli;

/// <summary>The command: parse, load the TMK, run the script, map the outcome to an exit code.</summary>
internal static class PosSimCommand
{
    public const int Success = 0;
    public const int SetupFailed = 1;
    public const int StepsFailed = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        CliOptions options;
        try
        {
            options = CliParser.Parse(args);
        }
        catch (CliUsageException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine();
            error.WriteLine(Usage.Text);
            return SetupFailed;
        }

        if (options.Help)
        {
            output.WriteLine(Usage.Text);
            return Success;
        }

        TerminalMasterKey masterKey;
        try
        {
            masterKey = await MasterKeyLoader.LoadAsync(options, output, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KeyLoadingException or OperatorApiException)
        {
            error.WriteLine(e.Message);
            return SetupFailed;
        }

        await using var terminal = new PosTerminal(TerminalOptionsOf(options), masterKey);
        var card = TestCards.Swiped(options.CardSerial) with { Pin = options.Pin ?? TestCards.Pin };
        var transcript = new Transcript(output, options.AnswerTimeout);
        var runner = new ScriptRunner(terminal, card, () => PurseCardOf(options), new Psam(options.PsamTerminal), transcript);
        output.WriteLine($"terminal {options.TerminalId} of merchant {options.MerchantId} -> {options.Host}:{options.Port}, card {PanMask.Mask(card.Pan)}");
        try
        {
            return await runner.RunAsync(options.Script, cancellation).ConfigureAwait(false) ? Success : StepsFailed;
        }
        catch (InvalidOperationException e)
        {
            // e.g. a financial step before any sign-on gave working keys, or an empty purse.
            error.WriteLine(e.Message);
            return StepsFailed;
        }
    }

    private static TerminalOptions TerminalOptionsOf(CliOptions options) => new()
    {
        Host = options.Host,
        Port = options.Port,
        MerchantId = options.MerchantId,
        TerminalId = options.TerminalId,
        ApplicationType = options.ApplicationType,
        SoftwareVersion = options.SoftwareVersion,
        SignOnLayout = options.Layout,
        DoubleLengthMacKey = options.DoubleLengthMacKey,
        OperatorCode = options.OperatorCode,
        AnswerTimeout = options.AnswerTimeout,
    };

    private static PurseCard PurseCardOf(CliOptions options)
    {
        var masterKey = options.TacMasterKey
            ?? (options.Development
                ? Convert.FromHexString(DevelopmentKeys.PurseTacMasterKey)
                : throw new InvalidOperationException("A purse step needs the issuer's TAC master key: --tac-master-key <hex>, or --dev."));
        return new PurseCard(options.PurseSerial, masterKey, options.PurseBalance);
    }
}
