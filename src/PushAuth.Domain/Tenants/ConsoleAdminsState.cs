using PushAuth.Domain.Effects;

namespace PushAuth.Domain.Tenants;

/// <summary>Persisted state of a tenant's console-admin list.</summary>
public sealed record ConsoleAdminsState : IOwesEffects
{
    public IReadOnlyList<ConsoleAdmin> Admins { get; init; } = [];

    public IReadOnlyDictionary<string, DateTimeOffset> SessionsNotBefore { get; init; } = new Dictionary<string, DateTimeOffset>();

    public OwedEffects Owed { get; init; } = OwedEffects.None;
}
