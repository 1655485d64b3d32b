using PushAuth.History;

namespace PushAuth.Persistence.Sqlite.Tests;

public sealed class SqliteHistoryStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadChainAsync_AfterReopen_ReturnsTheVerifiedChain()
    {
        const string Tenant = "acme";
        await using (var database = TestStorage.OpenDatabase(_directory.Path))
        {
            await TestStorage.HistoryStore(database).AppendAsync(Tenant, HistoryChain.Link(null, Events(Tenant, 30), PushAuth.Testing.TestHistoryKeys.Keys));
        }

        await using var reopened = TestStorage.OpenDatabase(_directory.Path);
        var store = TestStorage.HistoryStore(reopened);
        var verification = await HistoryChain.VerifyAsync(store.ReadChainAsync(Tenant), PushAuth.Testing.TestHistoryKeys.Keys);

        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(30, verification.CheckedCount);
        Assert.Equal(30, (await store.GetHeadAsync(Tenant))!.Sequence);
    }

    [Fact]
    public async Task Retention_EverythingOlder_KeepsTheHeadSoTheChainGoesOn()
    {
        const string Tenant = "acme";
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var store = TestStorage.HistoryStore(database);
        await store.AppendAsync(Tenant, HistoryChain.Link(null, Events(Tenant, 5), PushAuth.Testing.TestHistoryKeys.Keys));

        var deleted = await PushAuth.Testing.HistoryRetention.ApplyAsync(store, Tenant, T0.AddDays(1), T0.AddDays(2));

        // Entries 1-4 go; 5 (the head when the cut was found) and the cut's own entry 6 stay.
        Assert.Equal(4, deleted);
        var head = await store.GetHeadAsync(Tenant);
        Assert.Equal(6, head!.Sequence);
        await store.AppendAsync(Tenant, HistoryChain.Link(head, [Event(Tenant, 5)], PushAuth.Testing.TestHistoryKeys.Keys));
        var verification = await HistoryChain.VerifyAsync(store.ReadChainAsync(Tenant), PushAuth.Testing.TestHistoryKeys.Keys);
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(3, verification.CheckedCount);
    }

    [Fact]
    public async Task AppendAsync_RecordOfAnotherTenant_IsRejected()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var store = TestStorage.HistoryStore(database);

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync("acme", HistoryChain.Link(null, Events("other", 1), PushAuth.Testing.TestHistoryKeys.Keys)));

        Assert.Null(await store.GetHeadAsync("acme"));
        Assert.Null(await store.GetHeadAsync("other"));
    }

    [Theory]
    [InlineData(true, false, "history_by_user_time (tenant_id=? AND user_id=? AND at>? AND at<?)")]
    [InlineData(true, true, "history_by_user")]
    [InlineData(false, false, "history_by_user (tenant_id=? AND user_id=?)")]
    [InlineData(false, true, "history_by_user (tenant_id=? AND user_id=? AND sequence<?)")]
    public async Task QueryAsync_UserPage_SearchesAUserIndex(bool withTimeRange, bool withCursor, string index)
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var store = TestStorage.HistoryStore(database);
        await store.AppendAsync("acme", HistoryChain.Link(null, Events("acme", 10), PushAuth.Testing.TestHistoryKeys.Keys));
        var query = new HistoryQuery("acme", UserId: "u1", From: withTimeRange ? T0 : null, To: withTimeRange ? T0.AddHours(1) : null,
            BeforeSequence: withCursor ? 9 : null, Limit: 50);

        await using var connection = await TestStorage.RawConnectionAsync(database);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteHistoryStore.QuerySql(query);
        SqliteHistoryStore.BindQuery(command, query);
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        // A search in a user index (a later page may walk the sequence index back from the cursor instead of the
        // time index: both stop after the page), never a scan of the tenant's whole history.
        Assert.True(plan.Exists(step => step.StartsWith($"SEARCH history USING INDEX {index}", StringComparison.Ordinal)), string.Join(" | ", plan));
        Assert.Equal([8L, 5, 2], (await store.QueryAsync(query)).Select(r => r.Sequence));
    }

    private static IEnumerable<HistoryEvent> Events(string tenant, int count) => Enumerable.Range(0, count).Select(i => Event(tenant, i));

    private static HistoryEvent Event(string tenant, int i) =>
        new($"e{i}", T0.AddMinutes(i), tenant, $"u{i % 3}", "login-service", "challenge.answered", "push", "approved");
}
