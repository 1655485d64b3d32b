using PushAuth.Abstractions;

namespace PushAuth.Grains.Challenges;

/// <summary>Outbox payload telling the per-user grain a challenge resolved.</summary>
public sealed record ChallengeResolvedMessage(string TenantId, string UserId, ChallengeResolution Resolution);
