using Orleans;
using Orleans.Runtime;
using Xunit;

namespace PushAuth.Testing.Conformance;

/// <summary>
/// Orleans' reminder table contract checked against any <see cref="IReminderTable"/>: rows per grain, the hash-range
/// query on <see cref="GrainId.GetUniformHashCode"/> (begin exclusive, end inclusive, wrapping when begin ≥ end),
/// ETag-checked removal. Range results are compared on the grains each case made, so a table shared with other
/// cases is fine.
/// </summary>
public abstract class ReminderTableConformance : IAsyncLifetime
{
    private static readonly DateTime StartAt = new(2026, 12, 1, 8, 30, 0, DateTimeKind.Utc);
    private IReminderTable? _table;

    /// <summary>The table under test, created by <see cref="CreateTableAsync"/> before each case.</summary>
    protected IReminderTable Table => _table ?? throw new InvalidOperationException("The table is created in InitializeAsync.");

    /// <summary>Creates the table under test; the cases call <see cref="IReminderTable.StartAsync"/> themselves.</summary>
    protected abstract Task<IReminderTable> CreateTableAsync();

    /// <summary>Releases what <see cref="CreateTableAsync"/> made.</summary>
    protected virtual Task DisposeTableAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _table = await CreateTableAsync();
        await _table.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_table is not null)
        {
            await _table.StopAsync();
        }
        await DisposeTableAsync();
    }

    /// <summary>A grain id no other case uses.</summary>
    protected static GrainId NewGrainId() => GrainId.Create("reminder-conformance", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task UpsertRow_NewReminder_ReturnsETagAndReadRowReturnsIt()
    {
        var grainId = NewGrainId();

        var eTag = await Table.UpsertRow(Entry(grainId, "wake", TimeSpan.FromMinutes(5)));

        Assert.False(string.IsNullOrEmpty(eTag));
        var row = await Table.ReadRow(grainId, "wake");
        Assert.NotNull(row);
        Assert.Equal(grainId, row.GrainId);
        Assert.Equal("wake", row.ReminderName);
        Assert.Equal(StartAt, row.StartAt.ToUniversalTime());
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
        Assert.Equal(eTag, row.ETag);
    }

    [Fact]
    public async Task UpsertRow_ExistingReminder_ReturnsNewETagAndReplacesSchedule()
    {
        var grainId = NewGrainId();
        var first = await Table.UpsertRow(Entry(grainId, "wake", TimeSpan.FromMinutes(5)));

        var second = await Table.UpsertRow(Entry(grainId, "wake", TimeSpan.FromMinutes(7), StartAt.AddHours(1)));

        Assert.False(string.IsNullOrEmpty(second));
        Assert.NotEqual(first, second);
        var row = await Table.ReadRow(grainId, "wake");
        Assert.NotNull(row);
        Assert.Equal(TimeSpan.FromMinutes(7), row.Period);
        Assert.Equal(StartAt.AddHours(1), row.StartAt.ToUniversalTime());
        Assert.Equal(second, row.ETag);
        Assert.Single((await Table.ReadRows(grainId)).Reminders);
    }

    [Fact]
    public async Task ReadRow_Missing_ReturnsNull()
    {
        var grainId = NewGrainId();
        await Table.UpsertRow(Entry(grainId, "other", TimeSpan.FromMinutes(1)));

        Assert.Null(await Table.ReadRow(grainId, "missing"));
        Assert.Null(await Table.ReadRow(NewGrainId(), "other"));
    }

    [Fact]
    public async Task ReadRows_ByGrain_ReturnsOnlyThatGrainsReminders()
    {
        var grainId = NewGrainId();
        var neighbour = NewGrainId();
        await Table.UpsertRow(Entry(grainId, "a", TimeSpan.FromMinutes(1)));
        await Table.UpsertRow(Entry(grainId, "b", TimeSpan.FromMinutes(2)));
        await Table.UpsertRow(Entry(neighbour, "a", TimeSpan.FromMinutes(3)));

        var rows = (await Table.ReadRows(grainId)).Reminders;

        Assert.Equal(["a", "b"], rows.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(grainId, r.GrainId));
        Assert.Empty((await Table.ReadRows(NewGrainId())).Reminders);
    }

    [Fact]
    public async Task ReadRows_RangeBeginBelowEnd_ReturnsHashesAfterBeginUpToEnd()
    {
        var grains = await UpsertManyAsync(40);
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();
        // Begin on a stored hash (excluded) and end on another (included).
        var begin = hashes[5];
        var end = hashes[30];

        var found = await ReadRangeAsync(begin, end, grains);

        var expected = grains.Where(g => g.GetUniformHashCode() > begin && g.GetUniformHashCode() <= end).ToHashSet();
        Assert.Equal(25, expected.Count);
        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task ReadRows_RangeBeginAboveEnd_WrapsAround()
    {
        var grains = await UpsertManyAsync(40);
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();
        var begin = hashes[30];
        var end = hashes[5];

        var found = await ReadRangeAsync(begin, end, grains);

        var expected = grains.Where(g => g.GetUniformHashCode() > begin || g.GetUniformHashCode() <= end).ToHashSet();
        Assert.Equal(15, expected.Count);
        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task ReadRows_RangeAcrossTheSignedBoundary_UsesUnsignedOrder()
    {
        var grains = await UpsertManyAsync(60);
        const uint begin = 0x60000000;
        const uint end = 0xA0000000;

        var found = await ReadRangeAsync(begin, end, grains);

        var expected = grains.Where(g => g.GetUniformHashCode() > begin && g.GetUniformHashCode() <= end).ToHashSet();
        Assert.Equal(expected, found);
        Assert.NotEmpty(expected);
    }

    [Fact]
    public async Task ReadRows_BeginEqualsEnd_ReturnsTheWholeRing()
    {
        var grains = await UpsertManyAsync(20);
        var begin = grains[7].GetUniformHashCode();

        var found = await ReadRangeAsync(begin, begin, grains);

        Assert.Equal(grains.ToHashSet(), found);
    }

    [Fact]
    public async Task RemoveRow_StaleETag_ReturnsFalseAndKeepsRow()
    {
        var grainId = NewGrainId();
        var stale = await Table.UpsertRow(Entry(grainId, "wake", TimeSpan.FromMinutes(1)));
        var current = await Table.UpsertRow(Entry(grainId, "wake", TimeSpan.FromMinutes(2)));

        Assert.False(await Table.RemoveRow(grainId, "wake", stale!));

        var row = await Table.ReadRow(grainId, "wake");
        Assert.NotNull(row);
        Assert.Equal(current, row.ETag);
    }

    [Fact]
    public async Task RemoveRow_CurrentETag_ReturnsTrueAndRowIsGone()
    {
        var grainId = NewGrainId();
        var eTag = await Table.UpsertRow(Entry(grainId, "wake", TimeSpan.FromMinutes(1)));
        await Table.UpsertRow(Entry(grainId, "keep", TimeSpan.FromMinutes(1)));

        Assert.True(await Table.RemoveRow(grainId, "wake", eTag!));

        Assert.Null(await Table.ReadRow(grainId, "wake"));
        Assert.NotNull(await Table.ReadRow(grainId, "keep"));
        Assert.False(await Table.RemoveRow(grainId, "wake", eTag!));
    }

    [Fact]
    public async Task RemoveRow_MissingReminder_ReturnsFalse()
    {
        // A well-formed ETag of this table: Azure rejects a malformed If-Match ("0") with 400 before looking for the row.
        var eTag = await Table.UpsertRow(Entry(NewGrainId(), "other", TimeSpan.FromMinutes(1)));

        Assert.False(await Table.RemoveRow(NewGrainId(), "never", eTag!));
    }

    [Fact]
    public async Task UpsertRow_ManyGrainsInParallel_AllStored()
    {
        var grains = Enumerable.Range(0, 100).Select(_ => NewGrainId()).ToArray();

        var eTags = await Task.WhenAll(grains.Select(g => Task.Run(() => Table.UpsertRow(Entry(g, "parallel", TimeSpan.FromMinutes(1))))));

        Assert.All(eTags, e => Assert.False(string.IsNullOrEmpty(e)));
        foreach (var grainId in grains)
        {
            Assert.NotNull(await Table.ReadRow(grainId, "parallel"));
        }
    }

    [Fact]
    public async Task TestOnlyClearTable_RemovesEveryRow()
    {
        var grainId = NewGrainId();
        await Table.UpsertRow(Entry(grainId, "a", TimeSpan.FromMinutes(1)));

        await Table.TestOnlyClearTable();

        Assert.Empty((await Table.ReadRows(grainId)).Reminders);
    }

    /// <summary>A reminder entry starting at a fixed whole-second UTC time (every provider stores at least that precision).</summary>
    protected static ReminderEntry Entry(GrainId grainId, string name, TimeSpan period, DateTime? startAt = null) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        StartAt = startAt ?? StartAt,
        Period = period,
    };

    private async Task<GrainId[]> UpsertManyAsync(int count)
    {
        var grains = Enumerable.Range(0, count).Select(_ => NewGrainId()).ToArray();
        foreach (var grainId in grains)
        {
            await Table.UpsertRow(Entry(grainId, "ranged", TimeSpan.FromMinutes(1)));
        }
        return grains;
    }

    private async Task<HashSet<GrainId>> ReadRangeAsync(uint begin, uint end, IReadOnlyCollection<GrainId> ours)
    {
        var mine = ours.ToHashSet();
        var rows = (await Table.ReadRows(begin, end)).Reminders;
        return rows.Select(r => r.GrainId).Where(mine.Contains).ToHashSet();
    }
}
