namespace PushAuth.History;

/// <summary>A user index in memory, for unit tests; nothing survives the process.</summary>
public sealed class InMemoryUserIndex : IUserIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, DateTimeOffset>> _tenants = new(StringComparer.Ordinal);

    public Task AddAsync(string tenantId, string userId, DateTimeOffset firstSeenAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_tenants.TryGetValue(tenantId, out var users))
            {
                _tenants[tenantId] = users = new SortedDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            }
            users.TryAdd(userId, firstSeenAt);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IndexedUser>> SearchAsync(UserIndexQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<IndexedUser> page = _tenants.TryGetValue(query.TenantId, out var users)
                ? [.. users.Where(u => query.Matches(u.Key)).Take(Math.Clamp(query.Limit, 1, UserIndexQuery.MaxLimit)).Select(u => new IndexedUser(u.Key, u.Value))]
                : [];
            return Task.FromResult(page);
        }
    }
}
