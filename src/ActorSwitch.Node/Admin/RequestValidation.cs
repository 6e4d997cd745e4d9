using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace ActorSwitch.Node.Admin;

/// <summary>
/// Reads a JSON request body field by field so that a bad request is answered 400 naming the exact
/// field, instead of a framework binding error.
/// </summary>
public sealed class RequestValidation
{
    private readonly JsonElement _root;

    private RequestValidation(JsonElement root) => _root = root;

    public ApiError? Error { get; private set; }

    public static async Task<(RequestValidation? Body, ApiError? Error)> ReadAsync(HttpRequest request)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return (null, new ApiError("body", "expected a JSON object"));
            return (new RequestValidation(doc.RootElement.Clone()), null);
        }
        catch (JsonException e)
        {
            return (null, new ApiError("body", "not valid JSON: " + e.Message));
        }
    }

    /// <summary>A required string matching <paramref name="rule"/>; records the first error.</summary>
    public string String(string field, Func<string, bool> rule, string expectation)
    {
        if (Error is not null) return "";
        if (!_root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String)
        {
            Error = new ApiError(field, $"required string: {expectation}");
            return "";
        }
        var s = value.GetString()!;
        if (!rule(s)) Error = new ApiError(field, expectation);
        return s;
    }

    /// <summary>A required integer within [min, max]; records the first error.</summary>
    public int Int(string field, int min, int max)
    {
        if (Error is not null) return 0;
        if (!_root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Number ||
            !value.TryGetInt32(out var i) || i < min || i > max)
        {
            Error = new ApiError(field, $"required integer from {min} to {max}");
            return 0;
        }
        return i;
    }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    public static bool IsAlphanumeric(string s, int length) =>
        s.Length == length && s.All(char.IsAsciiLetterOrDigit);

    public static bool IsDigits(string s, int length) => s.Length == length && s.All(char.IsAsciiDigit);

    public static bool IsText(string s, int maxLength) =>
        s.Length > 0 && s.Length <= maxLength && !s.Any(char.IsControl) && s.Trim().Length == s.Length;
}
