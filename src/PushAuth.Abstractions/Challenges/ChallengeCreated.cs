namespace PushAuth.Abstractions;

/// <summary>What creating a challenge answers: the challenge, and the user's push budget after it, which the login
/// service's route reports as its RateLimit fields (the grain's result is the only way back: RequestContext flows only
/// into a grain).</summary>
/// <param name="PushLimit">The <c>user-push</c> limit after this request; null for an Idempotency-Key replay, which
/// checks and takes nothing.</param>
[GenerateSerializer, Immutable, Alias("pa.ChallengeCreated")]
public sealed record ChallengeCreated(ChallengeView View, RateLimitStatus? PushLimit);
