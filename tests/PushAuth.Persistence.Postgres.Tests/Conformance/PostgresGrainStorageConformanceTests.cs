using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using PushAuth.Persistence.Postgres.Tests.Infrastructure;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.Postgres.Tests.Conformance;

/// <summary>Orleans' ADO.NET grain storage on our schema, as a running silo resolves it (named PushAuth storage).</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class PostgresGrainStorageConformanceTests(PostgresClusterFixture cluster) : GrainStorageConformance
{
    protected override Task<IGrainStorage> CreateStorageAsync() =>
        Task.FromResult(cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(PostgresStorageOptions.DefaultStorageName));
}
