using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;
using PushAuth.Grains.Placement;
using PushAuth.Grains.Storage;
using PushAuth.Persistence.AzureStorage;
using PushAuth.Persistence.Postgres;
using PushAuth.Push;

namespace PushAuth.Grains.Tests.Cluster;

/// <summary>Configures a TestingHost silo as the real silo is: our grains on the chosen shared storage (PostgreSQL
/// through Orleans' ADO.NET providers, or Azure Storage on Azurite), the development push transport, gateway metadata.</summary>
public sealed class PushAuthSiloConfigurator : ISiloConfigurator
{
    public const string StorageKey = "PushAuthTest:Storage";
    public const string ConnectionStringKey = "PushAuthTest:ConnectionString";
    public const string GatewayKey = "PushAuthTest:Gateway";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        var connectionString = configuration[ConnectionStringKey]!;
        if (configuration[StorageKey] == "azure")
        {
            siloBuilder.UsePushAuthAzureStorage(o =>
            {
                o.ConnectionString = connectionString;
                o.StorageName = StorageNames.Default;
            });
        }
        else
        {
            siloBuilder.UsePushAuthPostgres(o =>
            {
                o.ConnectionString = connectionString;
                o.StorageName = StorageNames.Default;
            });
        }
        siloBuilder.UseSiloMetadata(new Dictionary<string, string> { [SiloRoles.GatewayMetadataKey] = configuration[GatewayKey] ?? "true" });
        siloBuilder.AddActivityPropagation();
        // Reminders every few seconds, so a dead silo's leftovers are picked up within a test.
        siloBuilder.Configure<Orleans.Hosting.ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        siloBuilder.AddIncomingGrainCallFilter<NoticeBlocker>();
        siloBuilder.Services.AddPushAuthGrains(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Effects:ReminderPeriod"] = "00:00:03",
                // Keys from configuration, as outside Development they must be (a TestingHost silo runs as Production).
                ["Security:TotpKeys"] = "t1:NrOxcMHX+fyVSXlx+NjUUrBYEExn/jnaNEZUThx8EqI=",
                ["Security:SessionKey"] = "s1:HaWD1S4fsODTjoCCdeGh6vL2Lta8WBbLWAq9xfNaET4=",
                ["History:ChainKeys"] = PushAuth.Testing.TestHistoryKeys.Configured,
                ["History:CheckpointDirectory"] = Path.Combine(Path.GetTempPath(), "pushauth-grain-checkpoints-" + configuration[ConnectionStringKey]!.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture)),
            })
            .Build());
        siloBuilder.Services.AddPushSenders(new ConfigurationBuilder().Build());
    }
}
