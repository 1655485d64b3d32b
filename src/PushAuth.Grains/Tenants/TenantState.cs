using PushAuth.Abstractions;
using PushAuth.Hosting;

namespace PushAuth.Grains.Tenants;

[GrainState(1)]
public sealed record TenantState
{
    public TenantSettings? Settings { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The tenant's keys (hashes live in the key grains; listed here for admins).</summary>
    public IReadOnlyList<ApiKeyRecord> Keys { get; init; } = [];
}
