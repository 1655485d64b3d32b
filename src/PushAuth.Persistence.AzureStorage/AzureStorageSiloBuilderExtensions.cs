using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;
using PushAuth.History;

namespace PushAuth.Persistence.AzureStorage;

/// <summary>Wires a silo to Azure Storage tables through Orleans' own Azure providers.</summary>
public static class AzureStorageSiloBuilderExtensions
{
    /// <summary>DI key of the <see cref="TableServiceClient"/> that every table here shares.</summary>
    public const string TableServiceClientKey = "PushAuth.Persistence.AzureStorage";

    /// <summary>
    /// Uses Azure Table storage for membership (Orleans' Azure clustering), grain state (Azure Table grain storage,
    /// reachable as <see cref="AzureStorageOptions.StorageName"/> and as the default storage), reminders (Azure Table
    /// reminder service) and <see cref="IHistoryStore"/>, all from one connection string. The grain state serializer is
    /// whichever <c>IGrainStorageSerializer</c> DI holds.
    /// </summary>
    public static ISiloBuilder UsePushAuthAzureStorage(this ISiloBuilder builder, Action<AzureStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<AzureStorageOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureStorageOptions>, AzureStorageOptionsValidator>());
        services.TryAddKeyedSingleton(TableServiceClientKey, (sp, _) =>
            new TableServiceClient(sp.GetRequiredService<IOptions<AzureStorageOptions>>().Value.ConnectionString));
        services.TryAddSingleton(sp => new AzureTableHistoryStore(Client(sp).GetTableClient(Options(sp).HistoryTableName)));
        services.TryAddSingleton<IHistoryStore>(sp => sp.GetRequiredService<AzureTableHistoryStore>());
        // The user index shares the history's table: its rows sort after every history row of the tenant's partition.
        services.TryAddSingleton<IUserIndex>(sp => new AzureTableUserIndex(Client(sp).GetTableClient(Options(sp).HistoryTableName)));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, AzureHistoryTableStartup>();

        // The storage name is needed while the silo builder runs, so it comes from the delegate, not later configuration.
        var names = new AzureStorageOptions();
        configure(names);

        builder.UseAzureStorageClustering(options => options.Configure<IServiceProvider>((o, sp) =>
        {
            o.TableServiceClient = Client(sp);
            o.TableName = Options(sp).ClusteringTableName;
        }));
        builder.AddAzureTableGrainStorage(names.StorageName, options => options.Configure<IServiceProvider>((o, sp) =>
        {
            o.TableServiceClient = Client(sp);
            o.TableName = Options(sp).GrainStateTableName;
        }));
        services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (sp, _) =>
            sp.GetRequiredKeyedService<IGrainStorage>(names.StorageName));
        services.TryAddSingleton<IGrainStorage>(sp => sp.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        builder.UseAzureTableReminderService(options => options.Configure<IServiceProvider>((o, sp) =>
        {
            o.TableServiceClient = Client(sp);
            o.TableName = Options(sp).RemindersTableName;
        }));
        return builder;

        static TableServiceClient Client(IServiceProvider sp) => sp.GetRequiredKeyedService<TableServiceClient>(TableServiceClientKey);

        static AzureStorageOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<AzureStorageOptions>>().Value;
    }
}
