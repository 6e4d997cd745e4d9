using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ActorSwitch.PosSim.Terminal;

namespace ActorSwitch.LoadRunner;

/// <summary>
/// Puts the run's terminals on the node the way operations staff and a key-loading device do: register
/// merchants and terminals through the operator API, then fetch each connecting terminal's TMK as a TR-31
/// block and unwrap it under the key-loading device's KBPK. Requests run concurrently (bounded).
/// </summary>
public sealed class Provisioner : IDisposable
{
    private readonly HttpClient _http;
    private readonly byte[] _kbpk;
    private readonly int _concurrency;

    public Provisioner(string adminUrl, string token, byte[] kbpk, int concurrency)
    {
        _concurrency = concurrency;
        _kbpk = kbpk;
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(handler) { BaseAddress = new Uri(adminUrl), Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Registers ceil(count / perMerchant) merchants and <paramref name="count"/> terminals; returns the terminals in order.</summary>
    public async Task<List<TerminalIdentity>> RegisterAsync(PhaseMetrics metrics, int count, int perMerchant, string tag, CancellationToken cancellation)
    {
        var merchants = (count + perMerchant - 1) / perMerchant;
        var identities = Identities(count, perMerchant, tag);
        var options = new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellation };
        await Parallel.ForEachAsync(Enumerable.Range(0, merchants), options, async (m, ct) =>
        {
            var id = TerminalIdentity.Merchant(tag, m);
            var body = $$"""{"merchantId":"{{id}}","name":"Load Shop {{m}}","mcc":"5411","feeRate":60}""";
            await PostAsync(metrics, "register-merchant", "/api/merchants", body, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await Parallel.ForEachAsync(identities, options, async (t, ct) =>
        {
            var body = $$"""{"terminalId":"{{t.TerminalId}}","merchantId":"{{t.MerchantId}}","model":"PAX S90"}""";
            await PostAsync(metrics, "register-terminal", "/api/terminals", body, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return identities;
    }

    public static List<TerminalIdentity> Identities(int count, int perMerchant, string tag) =>
        Enumerable.Range(0, count)
            .Select(i => new TerminalIdentity(TerminalIdentity.Merchant(tag, i / perMerchant), TerminalIdentity.Terminal(i)))
            .ToList();

    /// <summary>Fetches the TMKs of <paramref name="identities"/> (null where it failed: counted as an error).</summary>
    public async Task<TerminalMasterKey?[]> FetchMasterKeysAsync(PhaseMetrics metrics, IReadOnlyList<TerminalIdentity> identities, CancellationToken cancellation)
    {
        var keys = new TerminalMasterKey?[identities.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellation };
        await Parallel.ForEachAsync(Enumerable.Range(0, identities.Count), options, async (i, ct) =>
        {
            var t = identities[i];
            var started = Stopwatch.GetTimestamp();
            metrics.Intend();
            metrics.SentOne(0);
            OpResult result;
            try
            {
                using var response = await _http.PostAsync($"/api/merchants/{t.MerchantId}/terminals/{t.TerminalId}/tmk", null, ct).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    result = new OpResult("fetch-tmk", OpStatus.Error, ((int)response.StatusCode).ToString());
                }
                else
                {
                    using var json = JsonDocument.Parse(text);
                    keys[i] = TerminalMasterKey.FromKeyBlock(json.RootElement.GetProperty("keyBlock").GetString()!, _kbpk,
                        json.RootElement.GetProperty("kcv").GetString());
                    result = new OpResult("fetch-tmk", OpStatus.Ok, "200");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or KeyLoadingException or JsonException)
            {
                result = new OpResult("fetch-tmk", OpStatus.Error, e.GetType().Name);
            }
            metrics.Record(result, started, started, Stopwatch.GetTimestamp());
        }).ConfigureAwait(false);
        return keys;
    }

    private async Task PostAsync(PhaseMetrics metrics, string kind, string path, string body, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        metrics.Intend();
        metrics.SentOne(0);
        OpResult result;
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(path, content, ct).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            result = response.StatusCode switch
            {
                HttpStatusCode.Created or HttpStatusCode.OK => new OpResult(kind, OpStatus.Ok, code.ToString()),
                HttpStatusCode.Conflict => new OpResult(kind, OpStatus.Declined, code.ToString()),
                _ => new OpResult(kind, OpStatus.Error, code.ToString()),
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            result = new OpResult(kind, OpStatus.Error, e.GetType().Name);
        }
        metrics.Record(result, started, started, Stopwatch.GetTimestamp());
    }

    public void Dispose() => _http.Dispose();
}
