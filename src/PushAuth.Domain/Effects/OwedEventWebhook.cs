namespace PushAuth.Domain.Effects;

/// <summary>A signed user-event webhook (<c>user.temporary-code.issued</c>, <c>user.mfa.revoked</c>) owed to the tenant's
/// events URL; retried with backoff for 24 hours like challenge webhooks. Never carries a secret.</summary>
/// <param name="Type">The event type, e.g. <c>user.mfa.revoked</c>.</param>
/// <param name="Data">The event's details.</param>
public sealed record OwedEventWebhook(
    string EffectId,
    string TenantId,
    string Url,
    string Type,
    string UserId,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string> Data,
    string? TraceContext) : OwedEffect(EffectId);
