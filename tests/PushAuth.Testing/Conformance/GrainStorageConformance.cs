using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Xunit;

namespace PushAuth.Testing.Conformance;

/// <summary>
/// Orleans' grain storage contract, as the official providers implement it, checked against any
/// <see cref="IGrainStorage"/>. A provider's test project subclasses this and supplies the storage.
/// Every case uses fresh grain ids, so a storage shared between test classes is fine.
/// </summary>
public abstract class GrainStorageConformance : IAsyncLifetime
{
    /// <summary>The state name the cases use unless they need two.</summary>
    protected const string StateName = "state";

    private IGrainStorage? _storage;

    /// <summary>The storage under test, created by <see cref="CreateStorageAsync"/> before each case.</summary>
    protected IGrainStorage Storage => _storage ?? throw new InvalidOperationException("The storage is created in InitializeAsync.");

    /// <summary>Creates the storage under test, started and ready for reads and writes.</summary>
    protected abstract Task<IGrainStorage> CreateStorageAsync();

    /// <summary>Releases what <see cref="CreateStorageAsync"/> made (connections, files).</summary>
    protected virtual Task DisposeStorageAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _storage = await CreateStorageAsync();

    public Task DisposeAsync() => DisposeStorageAsync();

    /// <summary>A grain id no other case uses.</summary>
    protected static GrainId NewGrainId() => GrainId.Create("conformance", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ReadStateAsync_MissingGrain_LeavesDefaultStateAndNullETag()
    {
        var state = new GrainState<ConformanceState>();

        await Storage.ReadStateAsync(StateName, NewGrainId(), state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.True(state.State is null or { Name: null, Count: 0 }, $"expected a default state, got {state.State}");
    }

    [Fact]
    public async Task WriteStateAsync_FirstWrite_ReadsBack()
    {
        var grainId = NewGrainId();
        var written = new GrainState<ConformanceState>(new ConformanceState("first", 1));

        await Storage.WriteStateAsync(StateName, grainId, written);

        Assert.False(string.IsNullOrEmpty(written.ETag));
        Assert.True(written.RecordExists);
        var read = new GrainState<ConformanceState>();
        await Storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal(new ConformanceState("first", 1), read.State);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task WriteStateAsync_StaleETag_ThrowsInconsistentStateAndKeepsStoredState()
    {
        var grainId = NewGrainId();
        var state = new GrainState<ConformanceState>(new ConformanceState("v1", 1));
        await Storage.WriteStateAsync(StateName, grainId, state);
        var staleETag = state.ETag;
        state.State = new ConformanceState("v2", 2);
        await Storage.WriteStateAsync(StateName, grainId, state);

        var stale = new GrainState<ConformanceState>(new ConformanceState("lost", 99), staleETag);
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, stale));

        var read = await ReadAsync(grainId);
        Assert.Equal(new ConformanceState("v2", 2), read.State);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task WriteStateAsync_NullETagOverExistingRecord_ThrowsInconsistentState()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(StateName, grainId, new GrainState<ConformanceState>(new ConformanceState("winner", 1)));

        var second = new GrainState<ConformanceState>(new ConformanceState("second activation", 2));
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, second));

        Assert.Equal(new ConformanceState("winner", 1), (await ReadAsync(grainId)).State);
    }

    [Fact]
    public async Task WriteStateAsync_EveryWrite_ChangesETag()
    {
        var grainId = NewGrainId();
        var state = new GrainState<ConformanceState>(new ConformanceState("n", 0));
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < 10; i++)
        {
            state.State = new ConformanceState("n", i);
            await Storage.WriteStateAsync(StateName, grainId, state);
            Assert.NotNull(state.ETag);
            Assert.True(seen.Add(state.ETag), $"ETag '{state.ETag}' was returned twice");
        }

        var read = await ReadAsync(grainId);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(9, read.State!.Count);
    }

    [Fact]
    public async Task ClearStateAsync_StaleETag_ThrowsInconsistentStateAndKeepsStoredState()
    {
        var grainId = NewGrainId();
        var state = new GrainState<ConformanceState>(new ConformanceState("v1", 1));
        await Storage.WriteStateAsync(StateName, grainId, state);
        var staleETag = state.ETag;
        state.State = new ConformanceState("v2", 2);
        await Storage.WriteStateAsync(StateName, grainId, state);

        var stale = new GrainState<ConformanceState>(new ConformanceState("v1", 1), staleETag) { RecordExists = true };
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grainId, stale));

        var read = await ReadAsync(grainId);
        Assert.True(read.RecordExists);
        Assert.Equal(new ConformanceState("v2", 2), read.State);
    }

    [Fact]
    public async Task ClearStateAsync_CurrentETag_ReadsAsMissing()
    {
        var grainId = NewGrainId();
        var state = new GrainState<ConformanceState>(new ConformanceState("doomed", 1));
        await Storage.WriteStateAsync(StateName, grainId, state);

        await Storage.ClearStateAsync(StateName, grainId, state);

        Assert.False(state.RecordExists);
        Assert.True(state.State is null or { Name: null, Count: 0 }, $"expected a default state after clear, got {state.State}");
        var read = await ReadAsync(grainId);
        Assert.False(read.RecordExists);
        Assert.True(read.State is null or { Name: null, Count: 0 }, $"expected a default state, got {read.State}");
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task ClearStateAsync_ThenWriteWithClearedETag_StoresNewState()
    {
        var grainId = NewGrainId();
        var state = new GrainState<ConformanceState>(new ConformanceState("before", 1));
        await Storage.WriteStateAsync(StateName, grainId, state);
        await Storage.ClearStateAsync(StateName, grainId, state);

        state.State = new ConformanceState("after", 2);
        await Storage.WriteStateAsync(StateName, grainId, state);

        var read = await ReadAsync(grainId);
        Assert.True(read.RecordExists);
        Assert.Equal(new ConformanceState("after", 2), read.State);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task WriteStateAsync_ETagFromBeforeClear_ThrowsInconsistentState()
    {
        var grainId = NewGrainId();
        var state = new GrainState<ConformanceState>(new ConformanceState("before", 1));
        await Storage.WriteStateAsync(StateName, grainId, state);
        var beforeClear = state.ETag;
        await Storage.ClearStateAsync(StateName, grainId, state);

        var stale = new GrainState<ConformanceState>(new ConformanceState("zombie", 3), beforeClear) { RecordExists = true };
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, stale));

        Assert.False((await ReadAsync(grainId)).RecordExists);
    }

    [Fact]
    public async Task WriteStateAsync_ParallelWritersFromSameETag_ExactlyOneWinsEachRound()
    {
        const int Writers = 32;
        var grainId = NewGrainId();
        var current = new GrainState<ConformanceState>(new ConformanceState("start", -1));
        await Storage.WriteStateAsync(StateName, grainId, current);

        for (var round = 0; round < 5; round++)
        {
            var startETag = current.ETag;
            var attempts = Enumerable.Range(0, Writers)
                .Select(writer => new GrainState<ConformanceState>(new ConformanceState($"round {round}", writer), startETag) { RecordExists = true })
                .ToArray();
            var outcomes = await Task.WhenAll(attempts.Select(attempt => Task.Run(() => TryWriteAsync(grainId, attempt))));

            Assert.Equal(1, outcomes.Count(won => won));
            var winner = attempts[Array.IndexOf(outcomes, true)];
            current = await ReadAsync(grainId);
            Assert.Equal(winner.State, current.State);
            Assert.Equal(winner.ETag, current.ETag);
            Assert.All(attempts.Where((_, i) => !outcomes[i]), loser => Assert.Equal(startETag, loser.ETag));
        }
    }

    [Fact]
    public async Task WriteStateAsync_ManyKeysInParallel_EachReadsBackItsOwnState()
    {
        var grainIds = Enumerable.Range(0, 200).Select(_ => NewGrainId()).ToArray();

        await Task.WhenAll(grainIds.Select((grainId, i) => Task.Run(async () =>
        {
            var state = new GrainState<ConformanceState>(new ConformanceState(grainId.ToString(), i));
            await Storage.WriteStateAsync(StateName, grainId, state);
            state.State = state.State! with { Count = i + 1000 };
            await Storage.WriteStateAsync(StateName, grainId, state);
        })));

        for (var i = 0; i < grainIds.Length; i++)
        {
            Assert.Equal(new ConformanceState(grainIds[i].ToString(), i + 1000), (await ReadAsync(grainIds[i])).State);
        }
    }

    [Fact]
    public async Task WriteStateAsync_TwoStateNamesOnOneGrain_AreIndependent()
    {
        var grainId = NewGrainId();
        var profile = new GrainState<ConformanceState>(new ConformanceState("profile", 1));
        var settings = new GrainState<ConformanceState>(new ConformanceState("settings", 2));

        await Storage.WriteStateAsync("profile", grainId, profile);
        await Storage.WriteStateAsync("settings", grainId, settings);
        profile.State = new ConformanceState("profile", 3);
        await Storage.WriteStateAsync("profile", grainId, profile);
        await Storage.ClearStateAsync("settings", grainId, settings);

        var readProfile = new GrainState<ConformanceState>();
        await Storage.ReadStateAsync("profile", grainId, readProfile);
        var readSettings = new GrainState<ConformanceState>();
        await Storage.ReadStateAsync("settings", grainId, readSettings);
        Assert.Equal(new ConformanceState("profile", 3), readProfile.State);
        Assert.True(readProfile.RecordExists);
        Assert.False(readSettings.RecordExists);
    }

    [Fact]
    public async Task WriteStateAsync_SameKeyOnTwoGrainTypes_AreIndependent()
    {
        var key = Guid.NewGuid().ToString("N");
        var first = GrainId.Create("conformance-a", key);
        var second = GrainId.Create("conformance-b", key);

        await Storage.WriteStateAsync(StateName, first, new GrainState<ConformanceState>(new ConformanceState("a", 1)));

        Assert.False((await ReadAsync(second)).RecordExists);
        await Storage.WriteStateAsync(StateName, second, new GrainState<ConformanceState>(new ConformanceState("b", 2)));
        Assert.Equal(new ConformanceState("a", 1), (await ReadAsync(first)).State);
        Assert.Equal(new ConformanceState("b", 2), (await ReadAsync(second)).State);
    }

    /// <summary>Reads the stored state of <paramref name="grainId"/> under <see cref="StateName"/>.</summary>
    protected async Task<GrainState<ConformanceState>> ReadAsync(GrainId grainId)
    {
        var state = new GrainState<ConformanceState>();
        await Storage.ReadStateAsync(StateName, grainId, state);
        return state;
    }

    private async Task<bool> TryWriteAsync(GrainId grainId, GrainState<ConformanceState> attempt)
    {
        try
        {
            await Storage.WriteStateAsync(StateName, grainId, attempt);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }
}
