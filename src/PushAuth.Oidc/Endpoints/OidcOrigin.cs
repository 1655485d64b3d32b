using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using PushAuth.Abstractions;

namespace PushAuth.Oidc.Endpoints;

/// <summary>Where a request came from, for the challenge and the history (as the REST endpoints record it).</summary>
internal static class OidcOrigin
{
    public static RequestOrigin Of(HttpContext http) =>
        new(http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua[..Math.Min(ua.Length, 256)] : null,
            Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier);
}
