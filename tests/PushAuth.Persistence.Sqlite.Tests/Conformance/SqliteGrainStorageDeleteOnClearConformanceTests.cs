using Orleans.Storage;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.Sqlite.Tests.Conformance;

/// <summary>The same contract with <see cref="SqliteGrainStorageOptions.DeleteStateOnClear"/>.</summary>
public sealed class SqliteGrainStorageDeleteOnClearConformanceTests : GrainStorageConformance
{
    private readonly TestDirectory _directory = new();
    private SqliteDatabase? _database;

    protected override Task<IGrainStorage> CreateStorageAsync()
    {
        _database = TestStorage.OpenDatabase(_directory.Path);
        return Task.FromResult<IGrainStorage>(TestStorage.GrainStorage(_database, deleteStateOnClear: true));
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
