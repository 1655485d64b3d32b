using Npgsql;
using PushAuth.Testing;

namespace PushAuth.Persistence.Postgres.Tests.Infrastructure;

/// <summary>A fresh, migrated database shared by the cases of one test class (each case uses its own tenant or grains).</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public PostgresMigrator Migrator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("store");
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        Migrator = new PostgresMigrator(DataSource, TimeSpan.FromSeconds(30), TimeProvider.System, new ListLogger<PostgresMigrator>());
        await Migrator.MigrateAsync();
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();
}
