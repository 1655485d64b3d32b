using PushAuth.Persistence.Postgres.Tests.Infrastructure;
using PushAuth.Testing.Clustering;

namespace PushAuth.Persistence.Postgres.Tests;

/// <summary>The shared cluster suite on PostgreSQL: ADO.NET membership, grain state and reminders on our schema.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class PostgresClusterTests(PostgresClusterFixture fixture) : ClusterSuite(fixture);
