using Orleans;
using Orleans.Runtime;

namespace PushAuth.Persistence.Sqlite.Tests;

public sealed class SqliteReminderTableTests : IDisposable
{
    private static readonly DateTime StartAt = new(2026, 12, 1, 8, 0, 0, 250, DateTimeKind.Utc);
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadRow_AfterReopen_ReturnsReminderWithItsETag()
    {
        var grainId = NewGrainId();
        string? eTag;
        await using (var database = TestStorage.OpenDatabase(_directory.Path))
        {
            eTag = await TestStorage.ReminderTable(database).UpsertRow(Entry(grainId, "wake"));
        }

        await using var reopened = TestStorage.OpenDatabase(_directory.Path);
        var row = await TestStorage.ReminderTable(reopened).ReadRow(grainId, "wake");

        Assert.NotNull(row);
        Assert.Equal(eTag, row.ETag);
        Assert.Equal(StartAt, row.StartAt);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMinutes(3), row.Period);
    }

    [Fact]
    public async Task UpsertRow_AfterRemoveAndReRegister_NeverReusesAnETag()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var table = TestStorage.ReminderTable(database);
        var grainId = NewGrainId();
        var first = await table.UpsertRow(Entry(grainId, "wake"));
        Assert.True(await table.RemoveRow(grainId, "wake", first!));

        var second = await table.UpsertRow(Entry(grainId, "wake"));

        Assert.NotEqual(first, second);
        Assert.False(await table.RemoveRow(grainId, "wake", first!));
        Assert.NotNull(await table.ReadRow(grainId, "wake"));
    }

    [Fact]
    public async Task UpsertRow_LocalStartTime_IsStoredAsUtc()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var table = TestStorage.ReminderTable(database);
        var grainId = NewGrainId();

        await table.UpsertRow(Entry(grainId, "local", StartAt.ToLocalTime()));

        Assert.Equal(StartAt, (await table.ReadRow(grainId, "local"))!.StartAt);
    }

    [Fact]
    public async Task ReadRows_TwoServiceIds_SeeOnlyTheirOwn()
    {
        await using var database = TestStorage.OpenDatabase(_directory.Path);
        var blue = TestStorage.ReminderTable(database, "blue");
        var green = TestStorage.ReminderTable(database, "green");
        var grainId = NewGrainId();
        await blue.UpsertRow(Entry(grainId, "wake"));

        Assert.Empty((await green.ReadRows(grainId)).Reminders);
        Assert.Empty((await green.ReadRows(0u, 0u)).Reminders);
        await green.TestOnlyClearTable();
        Assert.Single((await blue.ReadRows(grainId)).Reminders);
    }

    private static GrainId NewGrainId() => GrainId.Create("reminder-test", Guid.NewGuid().ToString("N"));

    private static ReminderEntry Entry(GrainId grainId, string name, DateTime? startAt = null) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        StartAt = startAt ?? StartAt,
        Period = TimeSpan.FromMinutes(3),
    };
}
