using Orleans.Storage;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.Sqlite.Tests.Conformance;

/// <summary>Orleans' grain storage contract on <see cref="SqliteGrainStorage"/> with clear keeping a tombstone.</summary>
public sealed class SqliteGrainStorageConformanceTests : GrainStorageConformance
{
    private readonly TestDirectory _directory = new();
    private SqliteDatabase? _database;

    protected override Task<IGrainStorage> CreateStorageAsync()
    {
        _database = TestStorage.OpenDatabase(_directory.Path);
        return Task.FromResult<IGrainStorage>(TestStorage.GrainStorage(_database));
    }

    protected override async Task DisposeStorageAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        _directory.Dispose();
    }
}
