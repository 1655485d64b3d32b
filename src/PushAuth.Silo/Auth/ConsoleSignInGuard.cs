using Microsoft.Extensions.Options;
using PushAuth.Silo.Http;

namespace PushAuth.Silo.Auth;

/// <summary>
/// What an unauthenticated console request may cost: sign-in and setup attempts are limited per source address and per
/// tenant (cluster-wide, in memory: no write), and a failed sign-in is audited in the tenant's history the way refused
/// probes are (the first few of a minute one by one, the rest as one aggregated event), only for a tenant that exists.
/// Nothing here touches the end-user plane.
/// </summary>
public sealed class ConsoleSignInGuard(IGrainFactory grains, IOptions<ConsoleOptions> options, IConsoleDirectory directory)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>The RateLimit policy name of the per-address sign-in limit.</summary>
    public const string SourcePolicy = "console-sign-in";

    /// <summary>Takes one attempt of this request's source address; 429 <c>console.sign-in-throttled</c> past the limit.
    /// The caller's own address: told in the RateLimit headers (policy <c>console-sign-in</c>).</summary>
    public Task ThrottleSourceAsync(HttpContext http, CancellationToken cancellationToken) =>
        TakeAsync("console-source:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), options.Value.SignInAttemptsPerSourcePerMinute, SourcePolicy, cancellationToken);

    /// <summary>Takes one sign-in attempt of <paramref name="tenantId"/>, whether or not the tenant exists. Never told in
    /// the RateLimit headers: what is left would show an unauthenticated caller how much others try on that tenant.</summary>
    public Task ThrottleTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        TakeAsync("console-tenant:" + tenantId, options.Value.SignInAttemptsPerTenantPerMinute, null, cancellationToken);

    /// <summary>Audits a failed attempt (<paramref name="activity"/>: admin.sign-in or admin.step-up) and returns the
    /// refusal, the same for an unknown tenant, an unknown passkey and a wrong assertion.</summary>
    public async Task<PushAuthException> FailedAsync(HttpContext http, string tenantId, string activity, CancellationToken cancellationToken)
    {
        await directory.RecordFailedSignInAsync(tenantId, activity, http.Origin(), cancellationToken);
        return SignInFailed();
    }

    public static PushAuthException SignInFailed() =>
        ProblemCodes.Console.SignInFailed.Error("Sign-in failed: check the tenant, and use a passkey registered for this console.");

    private async Task TakeAsync(string key, int limit, string? policy, CancellationToken cancellationToken)
    {
        var take = await grains.GetGrain<IRateLimitGrain>(key).TakeAsync(limit, Window, cancellationToken);
        if (policy is not null)
        {
            RateLimitReport.Add(new RateLimitStatus(policy, limit, Window, take.Remaining, take.Reset));
        }
        if (take.RetryAfter is { } retry)
        {
            throw ProblemCodes.Console.SignInThrottled.Error("Too many sign-in attempts; wait and try again.", retry);
        }
    }
}
