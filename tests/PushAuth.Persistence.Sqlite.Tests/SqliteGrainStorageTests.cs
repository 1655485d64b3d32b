using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.Sqlite.Tests;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private const string StateName = "state";
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task WriteStateAsync_StaleETag_ExceptionCarriesStoredAndCurrentETags()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var storage = TestStorage.GrainStorage(database);
        var grainId = NewGrainId();
        var state = new GrainState<ConformanceState>(new ConformanceState("a", 1));
        await storage.WriteStateAsync(StateName, grainId, state);
        var stale = state.ETag;
        await storage.WriteStateAsync(StateName, grainId, state);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync(StateName, grainId, new GrainState<ConformanceState>(new ConformanceState("b", 2), stale)));

        Assert.Equal(state.ETag, error.StoredEtag);
        Assert.Equal(stale, error.CurrentEtag);
    }

    [Fact]
    public async Task WriteStateAsync_UnknownETagFormat_ThrowsInconsistentState()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var storage = TestStorage.GrainStorage(database);
        var grainId = NewGrainId();
        await storage.WriteStateAsync(StateName, grainId, new GrainState<ConformanceState>(new ConformanceState("a", 1)));

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync(StateName, grainId, new GrainState<ConformanceState>(new ConformanceState("b", 2), "W/\"azure-etag\"")));

        Assert.Equal("1", error.StoredEtag);
    }

    [Fact]
    public async Task WriteStateAsync_ConflictingWritersInOneBatch_OneWinsOthersFailAlone()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var storage = TestStorage.GrainStorage(database);
        var contested = NewGrainId();
        var bystander = NewGrainId();
        var start = new GrainState<ConformanceState>(new ConformanceState("start", 0));
        await storage.WriteStateAsync(StateName, contested, start);
        var gate = await WriterGate.CloseAsync(database);
        var transactionsBefore = database.Statistics.Transactions;

        var attempts = Enumerable.Range(0, 32)
            .Select(i => new GrainState<ConformanceState>(new ConformanceState("attempt", i), start.ETag) { RecordExists = true })
            .ToArray();
        var writes = attempts.Select(a => storage.WriteStateAsync(StateName, contested, a)).ToList();
        var other = storage.WriteStateAsync(StateName, bystander, new GrainState<ConformanceState>(new ConformanceState("bystander", 1)));
        gate.Release();
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));
        await other;

        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Equal("bystander", (await ReadAsync(storage, bystander)).State!.Name);
        // The blocker's transaction and one for everything queued behind it.
        Assert.Equal(2, database.Statistics.Transactions - transactionsBefore);
    }

    [Fact]
    public async Task ReadStateAsync_AfterReopen_ReturnsStateAndETagWrittenBefore()
    {
        var grainId = NewGrainId();
        string? eTag;
        await using (var database = TestStorage.OpenDatabase(_directory.Path))
        {
            var state = new GrainState<ConformanceState>(new ConformanceState("durable", 42));
            await TestStorage.GrainStorage(database).WriteStateAsync(StateName, grainId, state);
            eTag = state.ETag;
        }

        await using var reopened = TestStorage.OpenDatabase(_directory.Path);
        var read = await ReadAsync(TestStorage.GrainStorage(reopened), grainId);

        Assert.Equal(new ConformanceState("durable", 42), read.State);
        Assert.Equal(eTag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task ClearStateAsync_Default_KeepsTombstoneWithNewVersion()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var storage = TestStorage.GrainStorage(database);
        var grainId = NewGrainId();
        var state = new GrainState<ConformanceState>(new ConformanceState("a", 1));
        await storage.WriteStateAsync(StateName, grainId, state);

        await storage.ClearStateAsync(StateName, grainId, state);

        Assert.Equal("2", state.ETag);
        Assert.Equal(1L, await TestStorage.ScalarAsync(database, "SELECT COUNT(*) FROM grain_state WHERE grain_key = $key AND payload IS NULL AND version = 2;", ("$key", grainId.Key.ToString()!)));
    }

    [Fact]
    public async Task ClearStateAsync_DeleteStateOnClear_RemovesRowAndNullsETag()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var storage = TestStorage.GrainStorage(database, deleteStateOnClear: true);
        var grainId = NewGrainId();
        var state = new GrainState<ConformanceState>(new ConformanceState("a", 1));
        await storage.WriteStateAsync(StateName, grainId, state);

        await storage.ClearStateAsync(StateName, grainId, state);

        Assert.Null(state.ETag);
        Assert.Equal(0L, await TestStorage.ScalarAsync(database, "SELECT COUNT(*) FROM grain_state WHERE grain_key = $key;", ("$key", grainId.Key.ToString()!)));
        await storage.WriteStateAsync(StateName, grainId, state);
        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task ClearStateAsync_NullETagOverStoredState_ThrowsInconsistentState()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var storage = TestStorage.GrainStorage(database);
        var grainId = NewGrainId();
        await storage.WriteStateAsync(StateName, grainId, new GrainState<ConformanceState>(new ConformanceState("a", 1)));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grainId, new GrainState<ConformanceState>()));

        Assert.True((await ReadAsync(storage, grainId)).RecordExists);
    }

    [Fact]
    public async Task ClearStateAsync_NothingStored_Succeeds()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var storage = TestStorage.GrainStorage(database);
        var state = new GrainState<ConformanceState>();

        await storage.ClearStateAsync(StateName, NewGrainId(), state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task WriteStateAsync_TwoServiceIdsOnOneDatabase_DoNotSeeEachOther()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var blue = TestStorage.GrainStorage(database, serviceId: "blue");
        var green = TestStorage.GrainStorage(database, serviceId: "green");
        var grainId = NewGrainId();

        await blue.WriteStateAsync(StateName, grainId, new GrainState<ConformanceState>(new ConformanceState("blue", 1)));

        Assert.False((await ReadAsync(green, grainId)).RecordExists);
        await green.WriteStateAsync(StateName, grainId, new GrainState<ConformanceState>(new ConformanceState("green", 2)));
        Assert.Equal("blue", (await ReadAsync(blue, grainId)).State!.Name);
    }

    [Fact]
    public async Task WriteStateAsync_Payload_IsWhatTheConfiguredSerializerProduced()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var storage = TestStorage.GrainStorage(database);
        var grainId = NewGrainId();

        await storage.WriteStateAsync(StateName, grainId, new GrainState<ConformanceState>(new ConformanceState("json", 7)));

        var payload = (byte[])(await TestStorage.ScalarAsync(database, "SELECT payload FROM grain_state WHERE grain_key = $key;", ("$key", grainId.Key.ToString()!)))!;
        Assert.Equal(TestStorage.Serializer.Serialize(new ConformanceState("json", 7)).ToArray(), payload);
    }

    [Fact]
    public async Task ReadStateAsync_CancelledToken_ThrowsWithoutReading()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var storage = TestStorage.GrainStorage(database);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            storage.ReadStateAsync(StateName, NewGrainId(), new GrainState<ConformanceState>(), cancellation.Token));
    }

    private static GrainId NewGrainId() => GrainId.Create("storage-test", Guid.NewGuid().ToString("N"));

    private static async Task<GrainState<ConformanceState>> ReadAsync(IGrainStorage storage, GrainId grainId)
    {
        var state = new GrainState<ConformanceState>();
        await storage.ReadStateAsync(StateName, grainId, state);
        return state;
    }
}
