namespace PushAuth.Abstractions;

/// <summary>
/// One limit as the caller may see it (draft-ietf-httpapi-ratelimit-headers): the policy's name, its quota per window,
/// what is left of it now and when the window frees up. Only limits keyed by something the caller already holds (its
/// address, its device, its key) are reported, and a user's push budget to the login service whose key asks for the
/// pushes (it counts them itself); never to an unauthenticated caller. It crosses grain calls (a user grain's result,
/// a refusal's <see cref="PushAuthException.RateLimit"/>).
/// </summary>
/// <param name="Policy">The policy's name, e.g. <c>registration</c>.</param>
/// <param name="Quota">Units per <paramref name="Window"/>.</param>
/// <param name="Window">The window the quota applies to.</param>
/// <param name="Remaining">Units left now (0 when refused).</param>
/// <param name="Reset">Until the quota frees up (for a refusal, the Retry-After).</param>
[GenerateSerializer, Immutable, Alias("pa.RateLimitStatus")]
public sealed record RateLimitStatus(string Policy, int Quota, TimeSpan Window, int Remaining, TimeSpan Reset);
