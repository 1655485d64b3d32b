using System.Globalization;
using System.Text;

namespace PushAuth.Silo.Http;

/// <summary>
/// Writes the limits a request met (<see cref="RateLimitReport"/>) as the <c>RateLimit-Policy</c> and <c>RateLimit</c>
/// fields of draft-ietf-httpapi-ratelimit-headers-10 (Structured Field lists: <c>"name";q=10;w=60</c> and
/// <c>"name";r=3;t=20</c>), on a success and on the 429 alike. Written when the response starts, so the problem+json the
/// exception handler writes after clearing the response carries them as well; <c>Retry-After</c> stays the handler's.
/// </summary>
internal sealed class RateLimitHeaders(RequestDelegate next)
{
    public const string PolicyHeader = "RateLimit-Policy";
    public const string StateHeader = "RateLimit";

    public async Task InvokeAsync(HttpContext http)
    {
        var limits = RateLimitReport.Begin();
        http.Response.OnStarting(() =>
        {
            Write(http.Response.Headers, limits.Snapshot());
            return Task.CompletedTask;
        });
        await next(http);
    }

    /// <summary>Sets both fields from <paramref name="limits"/>; nothing when none was met.</summary>
    public static void Write(IHeaderDictionary headers, IReadOnlyList<RateLimitStatus> limits)
    {
        if (limits.Count == 0)
        {
            return;
        }
        var policies = new StringBuilder();
        var states = new StringBuilder();
        foreach (var limit in limits)
        {
            var separator = policies.Length == 0 ? "" : ", ";
            policies.Append(CultureInfo.InvariantCulture, $"{separator}\"{limit.Policy}\";q={limit.Quota};w={Seconds(limit.Window)}");
            states.Append(CultureInfo.InvariantCulture, $"{separator}\"{limit.Policy}\";r={Math.Max(0, limit.Remaining)};t={Seconds(limit.Reset)}");
        }
        headers[PolicyHeader] = policies.ToString();
        headers[StateHeader] = states.ToString();
    }

    // Whole seconds, rounded up as Retry-After is, so t never promises a reset earlier than the one Retry-After names.
    private static long Seconds(TimeSpan span) => Math.Max(0, (long)Math.Ceiling(span.TotalSeconds));
}
