using PushAuth.History;
using PushAuth.Persistence.Postgres.Tests.Infrastructure;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.Postgres.Tests.Conformance;

/// <summary>The history store contract on <see cref="PostgresHistoryStore"/>; tampering goes through raw SQL.</summary>
public sealed class PostgresHistoryStoreConformanceTests(PostgresDatabaseFixture database) : HistoryStoreConformance, IClassFixture<PostgresDatabaseFixture>
{
    protected override Task<IHistoryStore> CreateStoreAsync() =>
        Task.FromResult<IHistoryStore>(new PostgresHistoryStore(database.DataSource, database.Migrator));

    protected override async Task TamperAsync(string tenantId, long sequence)
    {
        await using var command = database.DataSource.CreateCommand(
            "UPDATE pushauth_history SET status = 'approved-by-attacker' WHERE tenant_id = $1 AND sequence = $2");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = sequence });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    protected override async Task DeleteRowAsync(string tenantId, long sequence)
    {
        await using var command = database.DataSource.CreateCommand("DELETE FROM pushauth_history WHERE tenant_id = $1 AND sequence = $2");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = sequence });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
