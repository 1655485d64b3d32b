namespace PushAuth.Abstractions;

/// <summary>A login service's request for a push approval.</summary>
/// <param name="UserId">The user, in the caller's tenant.</param>
/// <param name="Context">What the user sees.</param>
/// <param name="NumberMatching">Override of the tenant's number-matching setting; null uses the tenant's.</param>
/// <param name="NumberDigits">Override of the digits (2..6) when number matching is on.</param>
/// <param name="ExpiresInSeconds">Lifetime; default from the tenant (120 s), 10..600.</param>
/// <param name="SessionBinding">An opaque value the login service binds to its session; returned with the result.</param>
/// <param name="WebhookUrl">Where to POST the signed result on resolution (https, or http on loopback).</param>
/// <param name="IdempotencyKey">Same key, same user: the same challenge comes back.</param>
/// <param name="DeviceId">Push to this one of the user's paired devices only (as Duo's <c>device</c>); null pushes to all.</param>
[GenerateSerializer, Immutable, Alias("pa.CreateChallengeRequest")]
public sealed record CreateChallengeRequest(
    string UserId,
    ChallengeContext Context,
    bool? NumberMatching = null,
    int? NumberDigits = null,
    int? ExpiresInSeconds = null,
    string? SessionBinding = null,
    string? WebhookUrl = null,
    string? IdempotencyKey = null,
    string? DeviceId = null);
