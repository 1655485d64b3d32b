using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;

namespace PushAuth.Persistence.Postgres.Tests.Infrastructure;

/// <summary>Every test silo: <see cref="PostgresSiloBuilderExtensions.UsePushAuthPostgres"/> on the cluster's database,
/// a System.Text.Json state serializer in DI (as the host registers one), second-scale reminders.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    /// <summary>A second ADO.NET storage on the same database that deletes rows on clear (for the conformance suite).</summary>
    public const string DeleteOnClearStorageName = "DeleteOnClear";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        siloBuilder.UsePushAuthPostgres(o =>
        {
            o.ConnectionString = configuration[TestClusters.ConnectionStringKey]!;
            o.StartupTimeout = TimeSpan.FromSeconds(30);
        });
        siloBuilder.AddAdoNetGrainStorage(DeleteOnClearStorageName + PostgresSiloBuilderExtensions.AdoNetStorageSuffix, o =>
        {
            o.Invariant = PostgresSiloBuilderExtensions.Invariant;
            o.ConnectionString = configuration[TestClusters.ConnectionStringKey];
            o.DeleteStateOnClear = true;
        });
        siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(DeleteOnClearStorageName, (sp, _) => new GrainTypeScopedGrainStorage(
            sp.GetRequiredKeyedService<IGrainStorage>(DeleteOnClearStorageName + PostgresSiloBuilderExtensions.AdoNetStorageSuffix)));
        siloBuilder.Services.AddSingleton<IGrainStorageSerializer, RecordingJsonSerializer>();
        siloBuilder.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        if (configuration[TestClusters.FastFailureDetectionKey] == "true")
        {
            siloBuilder.Services.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            });
        }
    }
}
