using PushAuth.History;
using PushAuth.Persistence.Postgres.Tests.Infrastructure;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.Postgres.Tests.Conformance;

/// <summary>The user index contract on <see cref="PostgresUserIndex"/>, after the migrations.</summary>
public sealed class PostgresUserIndexConformanceTests(PostgresDatabaseFixture database) : UserIndexConformance, IClassFixture<PostgresDatabaseFixture>
{
    protected override async Task<IUserIndex> CreateIndexAsync()
    {
        await database.Migrator.MigrateAsync();
        return new PostgresUserIndex(database.DataSource);
    }
}
