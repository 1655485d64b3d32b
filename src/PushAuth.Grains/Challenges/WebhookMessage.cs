using PushAuth.Abstractions;

namespace PushAuth.Grains.Challenges;

/// <summary>Outbox payload of a result webhook.</summary>
public sealed record WebhookMessage(string TenantId, string Url, ChallengeView Challenge);
