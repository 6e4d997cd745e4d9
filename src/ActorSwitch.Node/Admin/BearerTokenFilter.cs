using System.Security.Cryptography;
using System.Text;

namespace ActorSwitch.Node.Admin;

/// <summary>Every operator API call carries <c>Authorization: Bearer &lt;token&gt;</c>; anything else is 401.</summary>
public sealed class BearerTokenFilter(byte[] expectedToken, ILogger<BearerTokenFilter> log) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.Ordinal) ||
            !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), expectedToken))
        {
            log.LogWarning("Operator API: refused {Method} {Path} from {Peer}: missing or wrong bearer token",
                http.Request.Method, http.Request.Path, http.Connection.RemoteIpAddress);
            return Results.Json(new ApiError("authorization", "missing or wrong bearer token"), statusCode: 401);
        }
        return await next(context);
    }
}

/// <summary>The body of every 4xx answer: which field (or part of the request) is wrong, and why.</summary>
public sealed record ApiError(string Field, string Error);
