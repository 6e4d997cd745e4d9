using ActorSwitch.PosSim.Terminal;

namespace ActorSwitch.PosSim.Cli;

/// <summary>Gets the terminal master key the way the command line says: clear, from a key block, or from
/// the operator API (registering merchant and terminal first when asked).</summary>
internal static class MasterKeyLoader
{
    public static async Task<TerminalMasterKey> LoadAsync(CliOptions options, TextWriter output, CancellationToken cancellation)
    {
        if (options.ClearTmk is { } clear)
            return TerminalMasterKey.FromClear(clear);

        var kbpk = options.Kbpk ?? Convert.FromHexString(DevelopmentKeys.KeyLoadingDeviceKbpk);
        if (options.TmkBlock is { } block)
            return TerminalMasterKey.FromKeyBlock(block, kbpk, options.Kcv);

        using var api = new OperatorApiClient(options.AdminUrl!, options.Token!);
        if (options.Register)
        {
            var mcc = options.Mcc ?? options.MerchantId.Substring(7, 4); // F42: 3 acquirer + 4 area + 4 MCC + 4 serial
            var name = options.MerchantName ?? $"PosSim merchant {options.MerchantId}";
            var merchant = await api.RegisterMerchantAsync(options.MerchantId, name, mcc, options.FeeRate, cancellation).ConfigureAwait(false);
            output.WriteLine(merchant ? $"merchant {options.MerchantId} registered" : $"merchant {options.MerchantId} already registered with other details: using it");
            var terminal = await api.RegisterTerminalAsync(options.TerminalId, options.MerchantId, options.Model, cancellation).ConfigureAwait(false);
            output.WriteLine(terminal ? $"terminal {options.TerminalId} registered" : $"terminal {options.TerminalId} already registered with another model: using it");
        }

        var delivery = await api.FetchTerminalMasterKeyAsync(options.MerchantId, options.TerminalId, cancellation).ConfigureAwait(false);
        var key = TerminalMasterKey.FromKeyBlock(delivery.KeyBlock, kbpk, delivery.Kcv);
        output.WriteLine($"terminal master key loaded, check value {key.CheckValue}");
        return key;
    }
}
