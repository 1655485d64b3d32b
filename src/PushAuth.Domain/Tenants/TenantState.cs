using PushAuth.Abstractions;
using PushAuth.Domain.Effects;

namespace PushAuth.Domain.Tenants;

/// <summary>A tenant: settings and the list of its keys.</summary>
public sealed record TenantState : IOwesEffects
{
    public TenantSettings? Settings { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The tenant's keys (hashes live in the key grains; listed here for admins).</summary>
    public IReadOnlyList<ApiKeyRecord> Keys { get; init; } = [];

    public OwedEffects Owed { get; init; } = OwedEffects.None;
}
