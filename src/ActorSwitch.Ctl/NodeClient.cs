using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ActorSwitch.Ctl;

/// <summary>
/// The operator API of one node, with the bearer token. Every failure an operator can meet (node down,
/// wrong token, a refused field, an unknown id, a failing node) becomes a <see cref="CtlException"/>
/// with a sentence that says what to do and the matching exit code.
/// </summary>
public sealed class NodeClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _defaultToken;
    private readonly TimeSpan _timeout;

    public NodeClient(Uri node, string token, bool defaultToken, TimeSpan timeout)
    {
        Node = node;
        _defaultToken = defaultToken;
        _timeout = timeout;
        _http = new HttpClient { BaseAddress = node, Timeout = timeout };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Uri Node { get; }

    public async Task<JsonElement> GetAsync(string path, CancellationToken cancel) =>
        (await SendAsync(HttpMethod.Get, path, null, [], cancel)).Body;

    public async Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancel) =>
        (await SendAsync(HttpMethod.Post, path, body, [], cancel)).Body;

    /// <summary>A GET whose <paramref name="accepted"/> statuses are answers, not errors (readiness answers 503 while starting).</summary>
    public Task<(HttpStatusCode Status, JsonElement Body)> GetAcceptingAsync(string path, HttpStatusCode[] accepted, CancellationToken cancel) =>
        SendAsync(HttpMethod.Get, path, null, accepted, cancel);

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body,
        HttpStatusCode[] accepted, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancel);
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is SocketException s ? s.Message : e.Message;
            throw new CtlException(ExitCodes.Unreachable,
                $"cannot reach the node at {Node} ({reason}). Is it running, and is --node (or SWITCHCTL_NODE) its operator API address?");
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new CtlException(ExitCodes.Unreachable, $"the node at {Node} did not answer {method} /{path} within {_timeout.TotalSeconds:0} s");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancel);
            var json = Parse(text);
            var status = response.StatusCode;
            if (response.IsSuccessStatusCode || accepted.Contains(status))
            {
                if (json is null)
                    throw new CtlException(ExitCodes.NodeError, $"the node answered {method} /{path} with something that is not JSON: {Shorten(text)}");
                return (status, json.Value);
            }
            throw Failure(method, path, status, json, text);
        }
    }

    private CtlException Failure(HttpMethod method, string path, HttpStatusCode status, JsonElement? json, string text)
    {
        var (field, error) = ApiError(json);
        var said = field is not null ? $"{field}: {error}" : error ?? Shorten(text);
        return status switch
        {
            HttpStatusCode.Unauthorized => new CtlException(ExitCodes.Unauthorized,
                $"the node refused the token (401 Unauthorized: {said}). Give the node's operator token with --token or SWITCHCTL_TOKEN"
                + (_defaultToken ? " (none was given, so the development token dev-admin-token was sent)." : ".")),
            HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity => new CtlException(ExitCodes.Rejected,
                $"the node refused the request ({(int)status}): {said}"),
            HttpStatusCode.NotFound when field is null => new CtlException(ExitCodes.NotFound,
                $"the node has no {method} /{path} (404): is --node an ActorSwitch node of this version?"),
            HttpStatusCode.NotFound => new CtlException(ExitCodes.NotFound, $"not found (404): {said}"),
            _ => new CtlException(ExitCodes.NodeError, $"the node failed on {method} /{path} ({(int)status} {status}): {said}"),
        };
    }

    /// <summary>The node's error body: <c>{"field","error"}</c>, or a problem document's detail/title.</summary>
    private static (string? Field, string? Error) ApiError(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } o) return (null, null);
        string? Get(string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return Get("field") is { } field ? (field, Get("error")) : (null, Get("detail") ?? Get("title") ?? Get("error"));
    }

    private static JsonElement? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

    public void Dispose() => _http.Dispose();
}
