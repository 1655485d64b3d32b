using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using PushAuth.Persistence.AzureStorage.Tests.Infrastructure;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.AzureStorage.Tests.Conformance;

/// <summary>Orleans' Azure Table grain storage on Azurite, as a running silo resolves it (named PushAuth storage).</summary>
[Collection(AzureClusterCollection.Name)]
public sealed class AzureGrainStorageConformanceTests(AzureClusterFixture cluster) : GrainStorageConformance
{
    protected override Task<IGrainStorage> CreateStorageAsync() =>
        Task.FromResult(cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(AzureStorageOptions.DefaultStorageName));
}
