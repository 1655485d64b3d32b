using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using PushAuth.Persistence.Postgres.Tests.Infrastructure;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.Postgres.Tests.Conformance;

/// <summary>The same contract with <c>DeleteStateOnClear</c>, which runs our <c>DeleteStorageKey</c> query.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class PostgresGrainStorageDeleteOnClearConformanceTests(PostgresClusterFixture cluster) : GrainStorageConformance
{
    protected override Task<IGrainStorage> CreateStorageAsync() =>
        Task.FromResult(cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(TestSiloConfigurator.DeleteOnClearStorageName));
}
