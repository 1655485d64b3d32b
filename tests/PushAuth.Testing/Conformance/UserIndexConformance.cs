using PushAuth.History;
using Xunit;

namespace PushAuth.Testing.Conformance;

/// <summary>
/// The <see cref="IUserIndex"/> contract checked against any store: idempotent adds that keep the first time, ordinal
/// order, prefix ranges (including ids that share a prefix with the range's upper bound), cursor paging that sees every
/// user once, and tenant isolation. Every case uses its own tenant, so a shared store is fine.
/// </summary>
public abstract class UserIndexConformance : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private IUserIndex? _index;

    protected IUserIndex Index => _index ?? throw new InvalidOperationException("The index is created in InitializeAsync.");

    /// <summary>Creates the index under test on a store whose schema is in place.</summary>
    protected abstract Task<IUserIndex> CreateIndexAsync();

    protected virtual Task DisposeIndexAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _index = await CreateIndexAsync();

    public Task DisposeAsync() => DisposeIndexAsync();

    private static string NewTenant() => "t-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Search_EmptyTenant_ReturnsNothing()
    {
        Assert.Empty(await Index.SearchAsync(new UserIndexQuery(NewTenant())));
    }

    [Fact]
    public async Task Add_Twice_KeepsOneRowWithTheFirstTime()
    {
        var tenant = NewTenant();
        await Index.AddAsync(tenant, "alice", T0);
        await Index.AddAsync(tenant, "alice", T0.AddDays(3));

        var user = Assert.Single(await Index.SearchAsync(new UserIndexQuery(tenant)));
        Assert.Equal("alice", user.UserId);
        Assert.Equal(T0, user.FirstSeenAt);
    }

    [Fact]
    public async Task Search_ReturnsOrdinalOrder_AndPrefixIsAKeyRange()
    {
        var tenant = NewTenant();
        string[] ids = ["bob", "alice", "Alice", "al", "alz", "am", "al.ice@example.com", "al-1", "zed", "a"];
        foreach (var id in ids)
        {
            await Index.AddAsync(tenant, id, T0);
        }

        var all = await Index.SearchAsync(new UserIndexQuery(tenant, Limit: 100));
        Assert.Equal(ids.Order(StringComparer.Ordinal), all.Select(u => u.UserId));

        var al = await Index.SearchAsync(new UserIndexQuery(tenant, Prefix: "al", Limit: 100));
        Assert.Equal(["al", "al-1", "al.ice@example.com", "alice", "alz"], al.Select(u => u.UserId));
        // Case sensitive: "Alice" is not under "al", and "am" (the range's upper bound) is outside it.
        Assert.Empty(await Index.SearchAsync(new UserIndexQuery(tenant, Prefix: "nobody")));
        Assert.Equal(["Alice"], (await Index.SearchAsync(new UserIndexQuery(tenant, Prefix: "A"))).Select(u => u.UserId));
    }

    [Fact]
    public async Task Search_CursorPaging_SeesEveryMatchingUserOnce()
    {
        var tenant = NewTenant();
        var expected = Enumerable.Range(0, 23).Select(i => $"user-{i:D3}").ToList();
        foreach (var id in expected)
        {
            await Index.AddAsync(tenant, id, T0.AddMinutes(1));
        }
        await Index.AddAsync(tenant, "other", T0);

        var seen = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await Index.SearchAsync(new UserIndexQuery(tenant, Prefix: "user-", After: after, Limit: 5));
            Assert.True(page.Count <= 5);
            seen.AddRange(page.Select(u => u.UserId));
            if (page.Count < 5)
            {
                break;
            }
            after = page[^1].UserId;
        }
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Search_CursorBeforeThePrefix_StartsAtThePrefix()
    {
        var tenant = NewTenant();
        foreach (var id in new[] { "aaa", "bob-1", "bob-2", "carol" })
        {
            await Index.AddAsync(tenant, id, T0);
        }
        Assert.Equal(["bob-1", "bob-2"], (await Index.SearchAsync(new UserIndexQuery(tenant, Prefix: "bob", After: "aaa"))).Select(u => u.UserId));
        Assert.Equal(["bob-2"], (await Index.SearchAsync(new UserIndexQuery(tenant, Prefix: "bob", After: "bob-1"))).Select(u => u.UserId));
    }

    [Fact]
    public async Task Search_IsScopedToTheTenant()
    {
        var mine = NewTenant();
        var theirs = NewTenant();
        await Index.AddAsync(mine, "alice", T0);
        await Index.AddAsync(theirs, "bob", T0);

        Assert.Equal(["alice"], (await Index.SearchAsync(new UserIndexQuery(mine))).Select(u => u.UserId));
        Assert.Empty(await Index.SearchAsync(new UserIndexQuery(mine, Prefix: "bob")));
    }
}
