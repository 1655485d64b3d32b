namespace PushAuth.Persistence.Postgres.Tests.Infrastructure;

/// <summary>The test classes that share one three-silo cluster.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "PostgreSQL cluster";
}
