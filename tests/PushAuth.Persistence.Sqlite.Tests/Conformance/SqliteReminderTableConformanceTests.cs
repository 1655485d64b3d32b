using Orleans;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.Sqlite.Tests.Conformance;

/// <summary>Orleans' reminder table contract on <see cref="SqliteReminderTable"/>.</summary>
public sealed class SqliteReminderTableConformanceTests : ReminderTableConformance
{
    private readonly TestDirectory _directory = new();
    private SqliteDatabase? _database;

    protected override Task<IReminderTable> CreateTableAsync()
    {
        _database = TestStorage.OpenDatabase(_directory.Path);
        return Task.FromResult<IReminderTable>(TestStorage.ReminderTable(_database));
    }

    protected override async Task DisposeTableAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        _directory.Dispose();
    }
}
