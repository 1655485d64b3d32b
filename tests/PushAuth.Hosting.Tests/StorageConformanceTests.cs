using PushAuth.Hosting.Storage;
using PushAuth.Hosting.Tests.TestGrains;
using Xunit;

namespace PushAuth.Hosting.Tests;

/// <summary>
/// The one conformance suite every storage provider passes (Orleans' Persistence.TestKit habit).
/// Derived classes supply the provider; multi-silo cases run where the provider is shared.
/// </summary>
public abstract class StorageConformanceTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _disposables = [];

    /// <summary>A fresh, initialized, empty store.</summary>
    protected abstract Task<IGrainStorage> CreateStorageAsync();

    /// <summary>Starts a silo on the store of this test (several silos when the provider is shared).</summary>
    protected abstract Task<TestSilo> StartSiloCoreAsync(SiloShared shared);

    /// <summary>The raw storage of this test's store, for planting rows.</summary>
    protected abstract IGrainStorage CurrentStorage { get; }

    protected async Task<TestSilo> StartSiloAsync(SiloShared shared)
    {
        var silo = await StartSiloCoreAsync(shared);
        _disposables.Add(silo);
        return silo;
    }

    protected void Track(IAsyncDisposable disposable) => _disposables.Add(disposable);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
        {
            await _disposables[i].DisposeAsync();
        }
    }

    private static GrainWriteBatch Batch(GrainId id, long expected, string? payload, params OutboxMessage[] outbox) =>
        new(id, expected, payload, 1, DateTimeOffset.UtcNow, outbox, [], [new AuditEntry(DateTimeOffset.UtcNow, "t", "u", "test", "write", null, "ok")], []);

    [Fact]
    public async Task Write_FirstWrite_CreatesVersionOne()
    {
        var storage = await CreateStorageAsync();
        var id = new GrainId("counter", "first");

        var version = await storage.WriteAsync(Batch(id, 0, """{"value":1}"""));
        var stored = await storage.ReadAsync(id);

        Assert.Equal(1, version);
        Assert.Equal(1, stored!.Version);
        Assert.Equal("""{"value":1}""", stored.Payload);
    }

    [Fact]
    public async Task Write_StaleVersion_ThrowsAndWritesNothing()
    {
        var storage = await CreateStorageAsync();
        var id = new GrainId("counter", "stale");
        await storage.WriteAsync(Batch(id, 0, """{"value":1}"""));
        await storage.WriteAsync(Batch(id, 1, """{"value":2}"""));
        var outboxBefore = (await storage.GetOutboxStatsAsync()).Depth;
        var auditBefore = (await storage.QueryAuditAsync(new AuditQuery("t"))).Count;

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteAsync(Batch(id, 1, """{"value":99}""", new OutboxMessage("test", "must-not-exist"))));

        Assert.Equal(1, ex.ExpectedVersion);
        Assert.Equal(2, ex.StoredVersion);
        Assert.Equal("""{"value":2}""", (await storage.ReadAsync(id))!.Payload);
        Assert.Equal(outboxBefore, (await storage.GetOutboxStatsAsync()).Depth);
        Assert.Equal(auditBefore, (await storage.QueryAuditAsync(new AuditQuery("t"))).Count);
    }

    [Fact]
    public async Task Write_DuplicateInsert_Throws()
    {
        var storage = await CreateStorageAsync();
        var id = new GrainId("counter", "dup");
        await storage.WriteAsync(Batch(id, 0, """{"value":1}"""));

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Batch(id, 0, """{"value":5}""")));

        Assert.Equal(1, ex.StoredVersion);
        Assert.Equal("""{"value":1}""", (await storage.ReadAsync(id))!.Payload);
    }

    [Fact]
    public async Task Clear_StaleVersion_ThrowsAndKeepsState()
    {
        var storage = await CreateStorageAsync();
        var id = new GrainId("counter", "clear");
        await storage.WriteAsync(Batch(id, 0, """{"value":1}"""));
        await storage.WriteAsync(Batch(id, 1, """{"value":2}"""));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Batch(id, 1, null)));
        Assert.NotNull((await storage.ReadAsync(id))!.Payload);

        var cleared = await storage.WriteAsync(Batch(id, 2, null));
        var tombstone = await storage.ReadAsync(id);
        Assert.Equal(3, cleared);
        Assert.Null(tombstone!.Payload);
        Assert.Equal(3, tombstone.Version);
        // A writer that thinks the grain never existed cannot resurrect it over the tombstone.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(Batch(id, 0, """{"value":7}""")));
    }

    [Fact]
    public async Task Read_KnownVersion_OmitsPayload()
    {
        var storage = await CreateStorageAsync();
        var id = new GrainId("counter", "known");
        await storage.WriteAsync(Batch(id, 0, """{"value":1}"""));

        var unchanged = await storage.ReadAsync(id, knownVersion: 1);
        var changed = await storage.ReadAsync(id, knownVersion: 0);

        Assert.True(unchanged!.Unchanged);
        Assert.Null(unchanged.Payload);
        Assert.False(changed!.Unchanged);
        Assert.Equal("""{"value":1}""", changed.Payload);
        Assert.Null(await storage.ReadAsync(new GrainId("counter", "missing")));
    }

    [Fact]
    public async Task Grain_ParallelWriters_NoLostUpdate()
    {
        var shared = new SiloShared();
        var silos = new List<TestSilo> { await StartSiloAsync(shared) };
        if (CurrentStorage.IsShared)
        {
            silos.Add(await StartSiloAsync(shared));
        }

        var calls = Enumerable.Range(0, 32).Select(i => silos[i % silos.Count].Factory.GetGrain<ICounterGrain>("hot").IncrementAsync());
        var results = await Task.WhenAll(calls);

        Assert.Equal(32, await silos[0].Factory.GetGrain<ICounterGrain>("hot").GetAsync());
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (long)i), results.Order());
    }

    [Fact]
    public async Task Grain_ValidatedByWriteOnStaleCache_RetriesWithoutLostUpdate()
    {
        var shared = new SiloShared();
        var silos = new List<TestSilo> { await StartSiloAsync(shared) };
        if (CurrentStorage.IsShared)
        {
            silos.Add(await StartSiloAsync(shared));
        }
        // Warm both caches, then let them go stale by writing alternately from both silos.
        foreach (var silo in silos)
        {
            await silo.Factory.GetGrain<ICounterGrain>("stale-cache").GetAsync();
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => silos[i % silos.Count].Factory.GetGrain<ICounterGrain>("stale-cache").IncrementValidatedAsync()));

        Assert.Equal(Enumerable.Range(1, 32).Select(i => (long)i), results.Order());
        Assert.Equal(32, await silos[0].Factory.GetGrain<ICounterGrain>("stale-cache").GetAsync());
        if (silos.Count > 1)
        {
            Assert.True(silos.Sum(s => s.Runtime.ConflictCount) > 0, "stale caches must have been caught by the write");
        }
    }

    [Fact]
    public async Task Grain_CorruptPayload_FailsNamingTypeAndKey()
    {
        var silo = await StartSiloAsync(new SiloShared());
        await CurrentStorage.WriteAsync(Batch(new GrainId("counter", "broken"), 0, "{not json"));

        var ex = await Assert.ThrowsAsync<CorruptGrainStateException>(() => silo.Factory.GetGrain<ICounterGrain>("broken").IncrementAsync());

        Assert.Contains("'counter'", ex.Message);
        Assert.Contains("'broken'", ex.Message);
        Assert.Equal("{not json", (await CurrentStorage.ReadAsync(new GrainId("counter", "broken")))!.Payload);
    }

    [Fact]
    public async Task Grain_UnknownSchemaVersion_FailsClearly()
    {
        var silo = await StartSiloAsync(new SiloShared());
        var id = new GrainId("counter", "future");
        await CurrentStorage.WriteAsync(new GrainWriteBatch(id, 0, """{"value":5}""", 9, DateTimeOffset.UtcNow, [], [], [], []));

        var ex = await Assert.ThrowsAsync<CorruptGrainStateException>(() => silo.Factory.GetGrain<ICounterGrain>("future").GetAsync());

        Assert.Contains("schema version 9", ex.Message);
        Assert.Contains("'future'", ex.Message);
    }

    [Fact]
    public async Task Grain_FailedTurn_DoesNotLeakHalfChangedState()
    {
        var silo = await StartSiloAsync(new SiloShared());
        var grain = silo.Factory.GetGrain<ICounterGrain>("halfway");
        await grain.IncrementAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.FailHalfwayAsync());

        Assert.Equal(1, await grain.GetAsync());
    }

    [Fact]
    public async Task Grain_EffectsOfCommittedWrite_ReachHandlerAuditAndWaiters()
    {
        var shared = new SiloShared();
        var silo = await StartSiloAsync(shared);
        using var subscription = silo.Bus.Subscribe("counter/fx");

        await silo.Factory.GetGrain<ICounterGrain>("fx").IncrementWithEffectsAsync("hello", null);

        Assert.True(await subscription.WaitAsync(TimeSpan.FromSeconds(5)));
        await Poll.UntilAsync(() => shared.Outbox.Handled.Any(e => e.Payload == "hello"));
        var audit = await CurrentStorage.QueryAuditAsync(new AuditQuery("tenant-1", UserId: "fx"));
        Assert.Single(audit);
        Assert.Equal("counter.increment", audit[0].Entry.Action);
        await Poll.UntilAsync(() => CurrentStorage.GetOutboxStatsAsync().Result.Depth == 0, because: "handled messages are removed");
    }

    [Fact]
    public async Task Reminder_Due_FiresOnceAndIsRemoved()
    {
        var shared = new SiloShared();
        var silos = new List<TestSilo> { await StartSiloAsync(shared) };
        if (CurrentStorage.IsShared)
        {
            silos.Add(await StartSiloAsync(shared));
        }
        var due = DateTimeOffset.UtcNow.AddMilliseconds(300);

        for (var i = 0; i < 20; i++)
        {
            await silos[i % silos.Count].Factory.GetGrain<ICounterGrain>($"r{i}").IncrementWithEffectsAsync("r", due);
        }

        await Poll.UntilAsync(() => shared.Reminders.Fired.Count >= 20);
        await Task.Delay(500);
        Assert.Equal(20, shared.Reminders.Fired.Count);
        Assert.Equal(20, shared.Reminders.Fired.Select(f => f.Key).Distinct().Count());
        Assert.Empty(await CurrentStorage.ClaimDueRemindersAsync("probe", DateTimeOffset.UtcNow.AddHours(1), TimeSpan.FromSeconds(1), 100));
    }

    [Fact]
    public async Task Reminder_ClaimedBySiloThatDied_FiresAfterLeaseLapses()
    {
        var shared = new SiloShared();
        var silo = await StartSiloAsync(shared);
        var grain = silo.Factory.GetGrain<ICounterGrain>("orphan");
        await grain.IncrementWithEffectsAsync("x", DateTimeOffset.UtcNow.AddSeconds(30));
        // A silo that no longer exists claimed the (now due) reminder with a short lease, then died.
        var claimed = await CurrentStorage.ClaimDueRemindersAsync("dead-silo", DateTimeOffset.UtcNow.AddSeconds(31), TimeSpan.FromMilliseconds(1), 10);
        Assert.Single(claimed);

        // Our silo sees it only once the dead silo's lease has lapsed and the reminder is due on our clock.
        var reclaimed = await CurrentStorage.ClaimDueRemindersAsync("live-silo", DateTimeOffset.UtcNow.AddSeconds(32), TimeSpan.FromSeconds(5), 10);

        Assert.Single(reclaimed);
        Assert.Equal("live-silo", reclaimed[0].ClaimedBy);
    }

    [Fact]
    public async Task Outbox_ClaimedBySiloThatDied_IsHandledAfterLeaseLapses()
    {
        var shared = new SiloShared();
        await StartSiloAsync(shared);
        var now = DateTimeOffset.UtcNow;
        // Due in 1 s, so the silo's own poll cannot take it before the dead silo does.
        await CurrentStorage.WriteAsync(Batch(new GrainId("counter", "o"), 0, """{"value":1}""", new OutboxMessage("test", "orphaned", now.AddSeconds(1))));
        var dead = await CurrentStorage.ClaimOutboxAsync("dead-silo", ["test"], now.AddSeconds(1), TimeSpan.FromSeconds(1), 10);
        Assert.Single(dead);

        await Poll.UntilAsync(() => shared.Outbox.Handled.Any(e => e.Payload == "orphaned"), because: "the lapsed claim is taken over");
        Assert.Single(shared.Outbox.Handled, e => e.Payload == "orphaned");
    }
}
