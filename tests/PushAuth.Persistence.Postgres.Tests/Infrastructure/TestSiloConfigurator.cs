using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;

namespace PushAuth.Persistence.Postgres.Tests.Infrastructure;

/// <summary>Every test silo: <see cref="PostgresSiloBuilderExtensions.UsePushAuthPostgres"/> on the cluster's database,
/// a System.Text.Json state serializer in DI (as the host registers one), second-scale reminders.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        siloBuilder.UsePushAuthPostgres(o =>
        {
            o.ConnectionString = configuration[TestClusters.ConnectionStringKey]!;
            o.StartupTimeout = TimeSpan.FromSeconds(30);
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
