using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using PushAuth.Persistence.AzureStorage.Tests.Infrastructure;
using PushAuth.Testing;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.AzureStorage.Tests.Conformance;

/// <summary>Orleans' Azure Table reminder table on Azurite, built by the provider's own registration on a table of its own.</summary>
public sealed class AzureReminderTableConformanceTests : ReminderTableConformance
{
    private ServiceProvider? _services;

    protected override async Task<IReminderTable> CreateTableAsync()
    {
        var connectionString = (await AzuriteServer.SharedAsync()).ConnectionString;
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = $"reminders-{Guid.NewGuid():N}";
            o.ClusterId = "conformance";
        });
        services.UseAzureTableReminderService(options => options.Configure(o =>
        {
            o.TableServiceClient = new TableServiceClient(connectionString);
            o.TableName = new AzureStorageOptions { TablePrefix = TestClusters.NewTablePrefix() }.RemindersTableName;
        }));
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<IReminderTable>();
    }

    protected override async Task DisposeTableAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
