using Microsoft.Data.Sqlite;
using PushAuth.History;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.Sqlite.Tests.Conformance;

/// <summary>The history store contract on <see cref="SqliteHistoryStore"/>; tampering goes through a raw connection.</summary>
public sealed class SqliteHistoryStoreConformanceTests : HistoryStoreConformance
{
    private readonly TestDirectory _directory = new();
    private SqliteDatabase? _database;

    protected override Task<IHistoryStore> CreateStoreAsync()
    {
        _database = TestStorage.OpenDatabase(_directory.Path);
        return Task.FromResult<IHistoryStore>(TestStorage.HistoryStore(_database));
    }

    protected override async Task TamperAsync(string tenantId, long sequence)
    {
        await using var connection = new SqliteConnection($"Data Source={_database!.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE history SET status = 'approved-by-attacker' WHERE tenant_id = $tenant AND sequence = $sequence;";
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$sequence", sequence);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    protected override async Task DeleteRowAsync(string tenantId, long sequence)
    {
        await using var connection = new SqliteConnection($"Data Source={_database!.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM history WHERE tenant_id = $tenant AND sequence = $sequence;";
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$sequence", sequence);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    protected override async Task DisposeStoreAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        _directory.Dispose();
    }
}
