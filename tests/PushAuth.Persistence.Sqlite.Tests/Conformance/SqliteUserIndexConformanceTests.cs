using PushAuth.History;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.Sqlite.Tests.Conformance;

/// <summary>The user index contract on <see cref="SqliteUserIndex"/>.</summary>
public sealed class SqliteUserIndexConformanceTests : UserIndexConformance
{
    private readonly TestDirectory _directory = new();
    private SqliteDatabase? _database;

    protected override Task<IUserIndex> CreateIndexAsync()
    {
        _database = TestStorage.OpenDatabase(_directory.Path);
        return Task.FromResult<IUserIndex>(new SqliteUserIndex(_database));
    }

    protected override async Task DisposeIndexAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        _directory.Dispose();
    }
}
