using System.Diagnostics;

namespace PushAuth.Silo.Http;

/// <summary>Where a request came from, as the history records it.</summary>
internal static class RequestOrigins
{
    /// <summary>Who is calling, for audit events. The trace id is the current span's, else the caller's traceparent,
    /// else the request id, so every audit row can be correlated even with tracing off.</summary>
    public static RequestOrigin Origin(this HttpContext http) =>
        new(http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua[..Math.Min(ua.Length, 256)] : null,
            Activity.Current?.TraceId.ToString()
                ?? (ActivityContext.TryParse(http.Request.Headers.TraceParent.ToString(), null, out var parent) ? parent.TraceId.ToString() : http.TraceIdentifier));
}
