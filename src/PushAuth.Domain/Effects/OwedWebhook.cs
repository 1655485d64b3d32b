using PushAuth.Abstractions;

namespace PushAuth.Domain.Effects;

/// <summary>A signed result webhook the grain owes a login service; retried with backoff for 24 hours.</summary>
public sealed record OwedWebhook(
    string EffectId,
    string TenantId,
    string Url,
    ChallengeView Challenge,
    DateTimeOffset CreatedAt,
    string? TraceContext) : OwedEffect(EffectId);
