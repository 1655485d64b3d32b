namespace PushAuth.Abstractions;

/// <summary>A challenge as a paired device sees it: the context and the nonce to sign, never the number to type.</summary>
[GenerateSerializer, Immutable, Alias("pa.DeviceChallengeView")]
public sealed record DeviceChallengeView(
    string ChallengeId,
    string TenantId,
    string UserId,
    ChallengeStatus Status,
    ChallengeContext Context,
    string Nonce,
    bool NumberMatchRequired,
    int NumberDigits,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
