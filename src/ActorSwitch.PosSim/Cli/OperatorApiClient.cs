using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ActorSwitch.PosSim.Cli;

/// <summary>The few operator API calls a terminal's installation needs: register its merchant and itself,
/// and fetch its terminal master key.</summary>
internal sealed class OperatorApiClient : IDisposable
{
    private readonly HttpClient _http;

    public OperatorApiClient(Uri baseAddress, string token)
    {
        // A base address without a trailing slash would lose its last segment when the paths are appended.
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Registers the merchant; true when created (or already there with these details), false
    /// when it is registered with other details (409).</summary>
    public Task<bool> RegisterMerchantAsync(string merchantId, string name, string mcc, int feeRate, CancellationToken cancellation) =>
        RegisterAsync("api/merchants", new { merchantId, name, mcc, feeRate }, cancellation);

    /// <summary>Registers the terminal; false when it is registered with another model (409).</summary>
    public Task<bool> RegisterTerminalAsync(string terminalId, string merchantId, string model, CancellationToken cancellation) =>
        RegisterAsync("api/terminals", new { terminalId, merchantId, model }, cancellation);

    public async Task<TerminalMasterKeyDelivery> FetchTerminalMasterKeyAsync(string merchantId, string terminalId, CancellationToken cancellation)
    {
        var path = $"api/merchants/{Uri.EscapeDataString(merchantId)}/terminals/{Uri.EscapeDataString(terminalId)}/tmk";
        using var response = await SendAsync(() => _http.PostAsync(path, content: null, cancellation)).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await RefusalAsync(path, response, cancellation).ConfigureAwait(false);
        TerminalMasterKeyDelivery? delivery;
        try
        {
            delivery = await response.Content.ReadFromJsonAsync<TerminalMasterKeyDelivery>(JsonSerializerOptions.Web, cancellation)
                .ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new OperatorApiException($"POST {path}: the answer is not the expected JSON ({e.Message}).");
        }

        return delivery is { KeyBlock.Length: > 0 }
            ? delivery
            : throw new OperatorApiException($"POST {path}: the answer has no keyBlock.");
    }

    public void Dispose() => _http.Dispose();

    private async Task<bool> RegisterAsync(string path, object body, CancellationToken cancellation)
    {
        using var response = await SendAsync(() => _http.PostAsJsonAsync(path, body, JsonSerializerOptions.Web, cancellation))
            .ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
            return true;
        if (response.StatusCode == HttpStatusCode.Conflict)
            return false;
        throw await RefusalAsync(path, response, cancellation).ConfigureAwait(false);
    }

    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new OperatorApiException($"The operator API cannot be reached: {e.Message}");
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new OperatorApiException("The operator API did not answer within 30 s.");
        }
    }

    private static async Task<OperatorApiException> RefusalAsync(string path, HttpResponseMessage response, CancellationToken cancellation)
    {
        var body = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
        return new OperatorApiException($"POST {path}: {(int)response.StatusCode} {response.ReasonPhrase} {body}".TrimEnd());
    }
}
