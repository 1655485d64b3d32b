using PushAuth.History;
using PushAuth.Persistence.AzureStorage.Tests.Infrastructure;

namespace PushAuth.Persistence.AzureStorage.Tests;

/// <summary>What is particular to the Azure table layout: appends longer than one entity-group transaction, keys with
/// characters Azure forbids, retention over several windows.</summary>
public sealed class AzureTableHistoryStoreTests(AzureHistoryTableFixture history) : IClassFixture<AzureHistoryTableFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly AzureTableHistoryStore _store = new(history.Table);

    public Task InitializeAsync() => _store.InitializeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AppendAsync_ConflictInALaterTransaction_UndoesTheEarlierOnes()
    {
        var tenant = NewTenant();
        var stored = HistoryChain.Link(null, Enumerable.Range(0, 3).Select(i => Event(tenant, $"e{i}", i)), PushAuth.Testing.TestHistoryKeys.Keys);
        await _store.AppendAsync(tenant, stored);

        // 120 records span three transactions; the 110th repeats event e1, so the third one fails.
        var events = Enumerable.Range(3, 120).Select(i => Event(tenant, i == 112 ? "e1" : $"e{i}", i));
        var batch = HistoryChain.Link(stored[^1], events, PushAuth.Testing.TestHistoryKeys.Keys);
        await Assert.ThrowsAsync<HistoryConflictException>(() => _store.AppendAsync(tenant, batch));

        Assert.Equal(3, (await _store.GetHeadAsync(tenant))!.Sequence);
        Assert.Empty(await _store.FindExistingAsync(tenant, Enumerable.Range(3, 120).Select(i => $"e{i}").Where(id => id != "e1").ToArray()));
        Assert.True((await HistoryChain.VerifyAsync(_store.ReadChainAsync(tenant), PushAuth.Testing.TestHistoryKeys.Keys)).IsIntact);
    }

    [Fact]
    public async Task Keys_WithCharactersAzureForbids_RoundTrip()
    {
        var tenant = "acme/eu#1?%" + Guid.NewGuid().ToString("N");
        var odd = "id/with#odd?chars\\and%\u0001";
        var records = HistoryChain.Link(null, [Event(tenant, odd, 0), Event(tenant, "plain", 1)], PushAuth.Testing.TestHistoryKeys.Keys);

        await _store.AppendAsync(tenant, records);

        Assert.Equal(odd, (await _store.QueryAsync(new HistoryQuery(tenant)))[^1].Event.EventId);
        Assert.Equal(new HashSet<string> { odd }, (await _store.FindExistingAsync(tenant, [odd, "id/with#odd?chars"])).ToHashSet());
        await Assert.ThrowsAsync<HistoryConflictException>(() =>
            _store.AppendAsync(tenant, HistoryChain.Link(records[^1], [Event(tenant, odd, 2)], PushAuth.Testing.TestHistoryKeys.Keys)));
    }

    [Fact]
    public async Task Retention_AcrossChainWindows_LeavesTheRestReadableFromTheAnchor()
    {
        var tenant = NewTenant();
        var records = new List<HistoryRecord>();
        for (var start = 0; start < 1100; start += 100)
        {
            var batch = HistoryChain.Link(records.Count == 0 ? null : records[^1], Enumerable.Range(start, 100).Select(i => Event(tenant, $"e{i}", i)), PushAuth.Testing.TestHistoryKeys.Keys);
            await _store.AppendAsync(tenant, batch);
            records.AddRange(batch);
        }

        Assert.Equal(1050, await PushAuth.Testing.HistoryRetention.ApplyAsync(_store, tenant, T0.AddMinutes(1050), T0.AddDays(2)));

        var rest = new List<long>();
        await foreach (var record in _store.ReadChainAsync(tenant))
        {
            rest.Add(record.Sequence);
        }
        Assert.Equal(Enumerable.Range(1051, 51).Select(i => (long)i), rest);
        Assert.True((await HistoryChain.VerifyAsync(_store.ReadChainAsync(tenant), PushAuth.Testing.TestHistoryKeys.Keys)).IsIntact);
        Assert.Empty(await _store.FindExistingAsync(tenant, ["e0", "e1049"]));
        Assert.Single(await _store.FindExistingAsync(tenant, ["e1050"]));
    }

    private static string NewTenant() => "t-" + Guid.NewGuid().ToString("N");

    private static HistoryEvent Event(string tenant, string eventId, int minute) =>
        new(eventId, T0.AddMinutes(minute), tenant, "alice", "login-service", "challenge.answered", "push", "approved");
}
