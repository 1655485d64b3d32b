using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;

namespace PushAuth.Persistence.AzureStorage.Tests.Infrastructure;

/// <summary>Every test silo: <see cref="AzureStorageSiloBuilderExtensions.UsePushAuthAzureStorage"/> on Azurite with the
/// cluster's own tables, a System.Text.Json state serializer in DI (as the host registers one), second-scale reminders.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        siloBuilder.UsePushAuthAzureStorage(o =>
        {
            o.ConnectionString = configuration[TestClusters.ConnectionStringKey]!;
            o.TablePrefix = configuration[TestClusters.TablePrefixKey]!;
        });
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
