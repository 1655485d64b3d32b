using PushAuth.History;
using Xunit;

namespace PushAuth.Testing.Conformance;

/// <summary>
/// The <see cref="IHistoryStore"/> contract checked against any store: append and head, idempotency lookups,
/// conflicts that write nothing, filtered newest-first pages with a cursor, the chain in order, retention, and
/// tamper detection over what was stored. Every case uses its own tenant, so a shared store is fine.
/// </summary>
public abstract class HistoryStoreConformance : IAsyncLifetime
{
    /// <summary>The first event's time; event <c>i</c> happens <c>i</c> minutes later.</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, 123, TimeSpan.Zero);

    private IHistoryStore? _store;

    /// <summary>The store under test, created and initialized before each case.</summary>
    protected IHistoryStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>Creates the store under test; the cases call <see cref="IHistoryStore.InitializeAsync"/> themselves.</summary>
    protected abstract Task<IHistoryStore> CreateStoreAsync();

    /// <summary>Releases what <see cref="CreateStoreAsync"/> made.</summary>
    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    /// <summary>Changes the stored content of one entry behind the store's back (raw SQL, a direct table write), as
    /// an attacker with database access would, without touching its hashes.</summary>
    protected abstract Task TamperAsync(string tenantId, long sequence);

    /// <summary>Deletes one stored entry behind the store's back, as an attacker with database access (or a restore of an
    /// older copy) would.</summary>
    protected abstract Task DeleteRowAsync(string tenantId, long sequence);

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync();
        // Initialization is idempotent.
        await _store.InitializeAsync();
    }

    public Task DisposeAsync() => DisposeStoreAsync();

    /// <summary>A tenant id no other case uses.</summary>
    protected static string NewTenant() => "t-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task GetHeadAsync_EmptyChain_ReturnsNull()
    {
        Assert.Null(await Store.GetHeadAsync(NewTenant()));
    }

    [Fact]
    public async Task AppendAsync_ThenGetHead_ReturnsLastRecordWithEveryField()
    {
        var tenant = NewTenant();
        var full = new HistoryEvent("e-full", T0, tenant, "alice", "login-service", "challenge.answered", "push", "approved",
            "203.0.113.7", "Zürich", "CH", "device-1", "rule-7", "remarks ✓", "corr-1", "0af7651916cd43dd8448eb211c80319c", "Mozilla/5.0");
        var minimal = new HistoryEvent("e-min", T0.AddMinutes(1), tenant, null, "system", "retention.ran", null, "ok");

        var records = HistoryChain.Link(null, [full, minimal], PushAuth.Testing.TestHistoryKeys.Keys);
        await Store.AppendAsync(tenant, records);

        var head = await Store.GetHeadAsync(tenant);
        Assert.NotNull(head);
        AssertSameRecord(records[1], head);
        var chain = await ReadChainAsync(tenant);
        Assert.Equal(2, chain.Count);
        AssertSameRecord(records[0], chain[0]);
        AssertSameRecord(records[1], chain[1]);
    }

    [Fact]
    public async Task AppendAsync_SecondBatch_ContinuesTheChain()
    {
        var tenant = NewTenant();
        var first = await AppendEventsAsync(tenant, 3);

        var more = HistoryChain.Link(first[^1], [Event(tenant, 3), Event(tenant, 4)], PushAuth.Testing.TestHistoryKeys.Keys);
        await Store.AppendAsync(tenant, more);

        var head = await Store.GetHeadAsync(tenant);
        Assert.Equal(5, head!.Sequence);
        var verification = await HistoryChain.VerifyAsync(Store.ReadChainAsync(tenant), PushAuth.Testing.TestHistoryKeys.Keys);
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(5, verification.CheckedCount);
    }

    [Fact]
    public async Task FindExistingAsync_MixOfStoredAndUnknownIds_ReturnsOnlyStored()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 3);
        var otherTenant = NewTenant();
        await AppendEventsAsync(otherTenant, 5);

        var found = await Store.FindExistingAsync(tenant, ["e0", "e2", "e4", "unknown"]);

        Assert.Equal(new HashSet<string>(["e0", "e2"]), found.ToHashSet());
        Assert.Empty(await Store.FindExistingAsync(tenant, []));
    }

    [Fact]
    public async Task FindExistingAsync_ManyIds_FindsAll()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 300);

        var found = await Store.FindExistingAsync(tenant, Enumerable.Range(0, 1200).Select(i => $"e{i}").ToArray());

        Assert.Equal(300, found.Count);
    }

    [Fact]
    public async Task AppendAsync_DuplicateSequence_ThrowsConflictAndWritesNothing()
    {
        var tenant = NewTenant();
        var stored = await AppendEventsAsync(tenant, 3);

        // A writer that still believed entry 2 was the head: sequences 3 (taken) and 4 (free).
        var conflicting = HistoryChain.Link(stored[1], [Event(tenant, 10), Event(tenant, 11)], PushAuth.Testing.TestHistoryKeys.Keys);
        var error = await Assert.ThrowsAsync<HistoryConflictException>(() => Store.AppendAsync(tenant, conflicting));

        Assert.Equal(tenant, error.TenantId);
        Assert.Equal(3, (await Store.GetHeadAsync(tenant))!.Sequence);
        Assert.Empty(await Store.FindExistingAsync(tenant, ["e10", "e11"]));
        AssertSameRecord(stored[2], (await ReadChainAsync(tenant))[2]);
    }

    [Fact]
    public async Task AppendAsync_DuplicateEventId_ThrowsConflictAndWritesNothing()
    {
        var tenant = NewTenant();
        var stored = await AppendEventsAsync(tenant, 3);

        // Sequences 4 and 5 are free, but the second entry repeats event e1 (a retried append).
        var conflicting = HistoryChain.Link(stored[2], [Event(tenant, 20), Event(tenant, 1)], PushAuth.Testing.TestHistoryKeys.Keys);
        await Assert.ThrowsAsync<HistoryConflictException>(() => Store.AppendAsync(tenant, conflicting));

        Assert.Equal(3, (await Store.GetHeadAsync(tenant))!.Sequence);
        Assert.Empty(await Store.FindExistingAsync(tenant, ["e20"]));
    }

    [Fact]
    public async Task AppendAsync_SameSequenceInTwoTenants_BothStored()
    {
        var first = NewTenant();
        var second = NewTenant();

        await AppendEventsAsync(first, 2);
        await AppendEventsAsync(second, 2);

        Assert.Equal(2, (await Store.GetHeadAsync(first))!.Sequence);
        Assert.Equal(2, (await Store.GetHeadAsync(second))!.Sequence);
    }

    [Fact]
    public async Task QueryAsync_NoFilter_ReturnsNewestFirstUpToLimit()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 10);

        var page = await Store.QueryAsync(new HistoryQuery(tenant, Limit: 4));

        Assert.Equal([10L, 9, 8, 7], page.Select(r => r.Sequence));
    }

    [Fact]
    public async Task QueryAsync_CursorPages_WalkTheWholeHistoryNewestFirst()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 23);
        var seen = new List<long>();
        long? cursor = null;

        while (true)
        {
            var page = await Store.QueryAsync(new HistoryQuery(tenant, BeforeSequence: cursor, Limit: 5));
            if (page.Count == 0)
            {
                break;
            }
            Assert.True(page.Count <= 5);
            seen.AddRange(page.Select(r => r.Sequence));
            cursor = page[^1].Sequence;
        }

        Assert.Equal(Enumerable.Range(1, 23).Reverse().Select(i => (long)i), seen);
    }

    [Fact]
    public async Task QueryAsync_UserFilter_ReturnsOnlyThatUsersEntries()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 12);

        var page = await Store.QueryAsync(new HistoryQuery(tenant, UserId: "user1"));

        // Event i belongs to user{i % 3}: 1, 4, 7, 10 → sequences 2, 5, 8, 11.
        Assert.Equal([11L, 8, 5, 2], page.Select(r => r.Sequence));
        Assert.All(page, r => Assert.Equal("user1", r.Event.UserId));
    }

    [Fact]
    public async Task QueryAsync_MethodStatusAndActivityFilters_MatchExactly()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 12);

        var totp = await Store.QueryAsync(new HistoryQuery(tenant, Method: "totp"));
        var rejected = await Store.QueryAsync(new HistoryQuery(tenant, Status: "rejected"));
        var created = await Store.QueryAsync(new HistoryQuery(tenant, Activity: "challenge.created"));
        var combined = await Store.QueryAsync(new HistoryQuery(tenant, UserId: "user0", Method: "push", Status: "approved"));

        Assert.Equal(Expected(12, i => i % 2 == 1), totp.Select(r => r.Sequence));
        Assert.Equal(Expected(12, i => i % 4 == 3), rejected.Select(r => r.Sequence));
        Assert.Equal(Expected(12, i => i % 3 == 2), created.Select(r => r.Sequence));
        Assert.Equal(Expected(12, i => i % 3 == 0 && i % 2 == 0 && i % 4 != 3), combined.Select(r => r.Sequence));
    }

    [Fact]
    public async Task QueryAsync_TimeRange_IncludesFromAndExcludesTo()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 10);

        var page = await Store.QueryAsync(new HistoryQuery(tenant, From: T0.AddMinutes(3), To: T0.AddMinutes(7)));

        Assert.Equal([7L, 6, 5, 4], page.Select(r => r.Sequence));
    }

    [Fact]
    public async Task QueryAsync_UserAndTimeRangeWithCursor_PagesWithinTheRange()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 30);
        var query = new HistoryQuery(tenant, UserId: "user2", From: T0.AddMinutes(5), To: T0.AddMinutes(26), Limit: 3);

        var first = await Store.QueryAsync(query);
        var second = await Store.QueryAsync(query with { BeforeSequence = first[^1].Sequence });
        var third = await Store.QueryAsync(query with { BeforeSequence = second[^1].Sequence });

        // user2 owns events 2, 5, 8, …; in [5, 26) that is 5, 8, 11, 14, 17, 20, 23 → sequences +1.
        Assert.Equal([24L, 21, 18], first.Select(r => r.Sequence));
        Assert.Equal([15L, 12, 9], second.Select(r => r.Sequence));
        Assert.Equal([6L], third.Select(r => r.Sequence));
    }

    [Fact]
    public async Task QueryAsync_OtherTenant_SeesNothing()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 3);

        Assert.Empty(await Store.QueryAsync(new HistoryQuery(NewTenant())));
    }

    [Fact]
    public async Task ReadChainAsync_FromSequence_ReturnsTheRestInOrder()
    {
        var tenant = NewTenant();
        var stored = await AppendEventsAsync(tenant, 1200);

        var all = await ReadChainAsync(tenant);
        var tail = await ReadChainAsync(tenant, 1190);

        Assert.Equal(Enumerable.Range(1, 1200).Select(i => (long)i), all.Select(r => r.Sequence));
        Assert.Equal(Enumerable.Range(1190, 11).Select(i => (long)i), tail.Select(r => r.Sequence));
        AssertSameRecord(stored[1199], tail[^1]);
    }

    [Fact]
    public async Task FindRetentionCutAsync_ReturnsTheLastOlderEntryOfThePrefixNeverTheHead()
    {
        var tenant = NewTenant();
        var stored = await AppendEventsAsync(tenant, 10);

        var cut = await Store.FindRetentionCutAsync(tenant, T0.AddMinutes(4));
        var all = await Store.FindRetentionCutAsync(tenant, T0.AddDays(1));

        AssertSameRecord(stored[3], cut!);
        AssertSameRecord(stored[8], all!);
        Assert.Null(await Store.FindRetentionCutAsync(tenant, T0));
        Assert.Null(await Store.FindRetentionCutAsync(NewTenant(), T0.AddDays(1)));
    }

    [Fact]
    public async Task DeleteThroughAsync_RemovesThePrefixAndTheRestVerifiesWithTheRecordedCut()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 10);
        var other = NewTenant();
        await AppendEventsAsync(other, 10);

        var deleted = await HistoryRetention.ApplyAsync(Store, tenant, T0.AddMinutes(4), T0.AddDays(1));

        Assert.Equal(4, deleted);
        var chain = await ReadChainAsync(tenant);
        Assert.Equal(Enumerable.Range(5, 7).Select(i => (long)i), chain.Select(r => r.Sequence));
        var verification = await HistoryChain.VerifyAsync(Store.ReadChainAsync(tenant), TestHistoryKeys.Keys);
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(11, (await Store.GetHeadAsync(tenant))!.Sequence);
        Assert.Equal(10, (await ReadChainAsync(other)).Count);
        Assert.Equal(0, await Store.DeleteThroughAsync(tenant, 4));
        // Never the head, whatever is asked.
        Assert.Equal(6, await Store.DeleteThroughAsync(tenant, 100));
        Assert.Equal([11L], (await ReadChainAsync(tenant)).Select(r => r.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_StoredChain_IsIntact()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 50);

        var verification = await HistoryChain.VerifyAsync(Store.ReadChainAsync(tenant), PushAuth.Testing.TestHistoryKeys.Keys);

        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(50, verification.CheckedCount);
        Assert.Equal(50, verification.LastSequence);
    }

    [Fact]
    public async Task VerifyAsync_TamperedRow_ReportsThatEntry()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 20);

        await TamperAsync(tenant, 13);
        var verification = await HistoryChain.VerifyAsync(Store.ReadChainAsync(tenant), PushAuth.Testing.TestHistoryKeys.Keys);

        Assert.False(verification.IsIntact);
        Assert.Equal(13, verification.FirstBadSequence);
        Assert.Equal(12, verification.CheckedCount);
    }

    [Fact]
    public async Task Verify_NewestEntriesDeleted_TheCheckpointShowsIt()
    {
        var tenant = NewTenant();
        var stored = await AppendEventsAsync(tenant, 50);
        var checkpoint = HistoryCheckpoint.Of(stored[^1], T0.AddDays(1), TestHistoryKeys.Keys);

        for (var sequence = 31; sequence <= 50; sequence++)
        {
            await DeleteRowAsync(tenant, sequence);
        }
        var without = await HistoryChain.VerifyAsync(Store.ReadChainAsync(tenant), TestHistoryKeys.Keys);
        var with = await HistoryChain.VerifyAsync(Store.ReadChainAsync(tenant), TestHistoryKeys.Keys, checkpoint);

        Assert.True(without.IsIntact, "a chain cut at its newest end is whole in itself: only the checkpoint can tell");
        Assert.False(with.IsIntact);
        Assert.Equal(31, with.FirstBadSequence);
        Assert.Contains("newest entries are missing", with.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OldestEntriesDeletedWithoutARecordedCut_Broken()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 50);

        for (var sequence = 1; sequence <= 20; sequence++)
        {
            await DeleteRowAsync(tenant, sequence);
        }
        var verification = await HistoryChain.VerifyAsync(Store.ReadChainAsync(tenant), TestHistoryKeys.Keys);

        Assert.False(verification.IsIntact);
        Assert.Equal(21, verification.FirstBadSequence);
        Assert.Contains("no recorded retention cut", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OldestEntriesDeletedBeyondTheRecordedCut_Broken()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 50);
        await HistoryRetention.ApplyAsync(Store, tenant, T0.AddMinutes(10), T0.AddDays(1));

        await DeleteRowAsync(tenant, 11);
        var verification = await HistoryChain.VerifyAsync(Store.ReadChainAsync(tenant), TestHistoryKeys.Keys);

        Assert.False(verification.IsIntact);
        Assert.Equal(12, verification.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_RowRewrittenAndEverythingAfterItRelinkedWithoutTheKey_Broken()
    {
        var tenant = NewTenant();
        var stored = await AppendEventsAsync(tenant, 50);
        var checkpoint = HistoryCheckpoint.Of(stored[^1], T0.AddDays(1), TestHistoryKeys.Keys);

        // The attacker rewrites entry 25 and re-links 25..50 so every link holds, with a key of their own.
        for (var sequence = 25; sequence <= 50; sequence++)
        {
            await DeleteRowAsync(tenant, sequence);
        }
        var attacker = new HistoryKeys([("h1", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))], "h1");
        var rewritten = stored.Skip(24).Select((r, i) => i == 0 ? r.Event with { Status = "approved-by-attacker" } : r.Event);
        await Store.AppendAsync(tenant, HistoryChain.Link(stored[23], rewritten, attacker));
        var verification = await HistoryChain.VerifyAsync(Store.ReadChainAsync(tenant), TestHistoryKeys.Keys, checkpoint);

        Assert.False(verification.IsIntact);
        Assert.Equal(25, verification.FirstBadSequence);
        Assert.Contains("MAC", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MiddleRowDeleted_Broken()
    {
        var tenant = NewTenant();
        await AppendEventsAsync(tenant, 50);

        await DeleteRowAsync(tenant, 25);
        var verification = await HistoryChain.VerifyAsync(Store.ReadChainAsync(tenant), TestHistoryKeys.Keys);

        Assert.False(verification.IsIntact);
        Assert.Equal(25, verification.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_SwappedPair_Broken()
    {
        var tenant = NewTenant();
        var stored = await AppendEventsAsync(tenant, 50);

        await DeleteRowAsync(tenant, 25);
        await DeleteRowAsync(tenant, 26);
        await Store.AppendAsync(tenant, [stored[25] with { Sequence = 25 }, stored[24] with { Sequence = 26 }]);
        var verification = await HistoryChain.VerifyAsync(Store.ReadChainAsync(tenant), TestHistoryKeys.Keys);

        Assert.False(verification.IsIntact);
        Assert.Equal(25, verification.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_OlderCopyRestoredThenAppendedTo_TheCheckpointShowsTheFork()
    {
        var tenant = NewTenant();
        var stored = await AppendEventsAsync(tenant, 30);
        var checkpoint = HistoryCheckpoint.Of(stored[^1], T0.AddDays(1), TestHistoryKeys.Keys);

        // The database goes back to entry 20; the silo, none the wiser, goes on appending past the checkpoint.
        for (var sequence = 21; sequence <= 30; sequence++)
        {
            await DeleteRowAsync(tenant, sequence);
        }
        await Store.AppendAsync(tenant, HistoryChain.Link(stored[19], Enumerable.Range(100, 15).Select(i => Event(tenant, i)), TestHistoryKeys.Keys));
        var verification = await HistoryChain.VerifyAsync(Store.ReadChainAsync(tenant), TestHistoryKeys.Keys, checkpoint);

        Assert.False(verification.IsIntact);
        Assert.Equal(30, verification.FirstBadSequence);
        Assert.Contains("rolled back", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ForgedCheckpoint_Broken()
    {
        var tenant = NewTenant();
        var stored = await AppendEventsAsync(tenant, 5);
        var forged = HistoryCheckpoint.Of(stored[^1], T0.AddDays(1), new HistoryKeys([("h1", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))], "h1"));

        var verification = await HistoryChain.VerifyAsync(Store.ReadChainAsync(tenant), TestHistoryKeys.Keys, forged);

        Assert.False(verification.IsIntact);
        Assert.Contains("signature", verification.Problem, StringComparison.Ordinal);
    }

    /// <summary>Event <c>e{i}</c> of <paramref name="tenant"/>, <c>i</c> minutes after <see cref="T0"/>, by user
    /// <c>user{i % 3}</c>, method push/totp alternating, status rejected every fourth, activity created every third.</summary>
    protected static HistoryEvent Event(string tenant, int i) => new(
        EventId: $"e{i}",
        At: T0.AddMinutes(i),
        TenantId: tenant,
        UserId: $"user{i % 3}",
        Actor: "login-service",
        Activity: i % 3 == 2 ? "challenge.created" : "challenge.answered",
        Method: i % 2 == 0 ? "push" : "totp",
        Status: i % 4 == 3 ? "rejected" : "approved",
        SourceIp: "198.51.100.1",
        CorrelationId: $"c{i / 2}");

    /// <summary>Appends events 0 … count-1 as sequences 1 … count, in batches of up to 100.</summary>
    protected async Task<IReadOnlyList<HistoryRecord>> AppendEventsAsync(string tenant, int count)
    {
        var all = new List<HistoryRecord>();
        for (var start = 0; start < count; start += 100)
        {
            var batch = HistoryChain.Link(all.Count == 0 ? null : all[^1],
                Enumerable.Range(start, Math.Min(100, count - start)).Select(i => Event(tenant, i)), PushAuth.Testing.TestHistoryKeys.Keys);
            await Store.AppendAsync(tenant, batch);
            all.AddRange(batch);
        }
        return all;
    }

    /// <summary>The stored chain from <paramref name="fromSequence"/>, in order.</summary>
    protected async Task<List<HistoryRecord>> ReadChainAsync(string tenant, long fromSequence = 0)
    {
        var records = new List<HistoryRecord>();
        await foreach (var record in Store.ReadChainAsync(tenant, fromSequence))
        {
            records.Add(record);
        }
        return records;
    }

    private static IEnumerable<long> Expected(int count, Func<int, bool> matches) =>
        Enumerable.Range(0, count).Where(matches).Select(i => (long)i + 1).Reverse();

    private static void AssertSameRecord(HistoryRecord expected, HistoryRecord actual)
    {
        Assert.Equal(expected.Sequence, actual.Sequence);
        Assert.Equal(expected.Event, actual.Event);
        Assert.Equal(expected.PreviousHash, actual.PreviousHash);
        Assert.Equal(expected.Hash, actual.Hash);
    }
}
