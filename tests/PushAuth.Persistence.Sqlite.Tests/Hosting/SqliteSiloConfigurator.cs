using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace PushAuth.Persistence.Sqlite.Tests.Hosting;

/// <summary>A test silo on the embedded SQLite database in <c>PushAuth:Storage:DataDirectory</c>, with Orleans'
/// System.Text.Json grain storage serializer registered the way the lead's silo registers it.</summary>
public sealed class SqliteSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var directory = siloBuilder.Configuration[$"{SqliteStorageOptions.SectionName}:{nameof(SqliteStorageOptions.DataDirectory)}"];
        siloBuilder.UseSqliteStorage(options => options.DataDirectory = directory ?? "");
        siloBuilder.Services.AddSingleton<IGrainStorageSerializer, SystemTextJsonGrainStorageSerializer>();
        siloBuilder.Services.Configure<ReminderOptions>(options =>
        {
            options.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
            options.RefreshReminderListPeriod = TimeSpan.FromSeconds(1);
            options.ReminderLoadingWindow = TimeSpan.FromMinutes(1);
        });
    }
}
