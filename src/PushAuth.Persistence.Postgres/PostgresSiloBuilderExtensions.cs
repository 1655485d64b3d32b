using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;
using PushAuth.History;

namespace PushAuth.Persistence.Postgres;

/// <summary>Wires a silo to PostgreSQL through Orleans' own ADO.NET providers.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql, as Orleans names it.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>DI key of the <see cref="NpgsqlDataSource"/> (one connection pool) that every provider here shares.</summary>
    public const string DataSourceKey = "PushAuth.Persistence.Postgres";

    /// <summary>Suffix of the name under which Orleans' ADO.NET grain storage itself is registered.</summary>
    public const string AdoNetStorageSuffix = ".AdoNet";

    /// <summary>
    /// Applies the schema at silo start (before any provider initialises), then uses PostgreSQL for membership
    /// (ADO.NET clustering), grain state (one ADO.NET grain storage, reachable as <see cref="PostgresStorageOptions.StorageName"/>
    /// and as the default storage, its rows scoped by grain type), reminders (ADO.NET reminder table) and
    /// <see cref="IHistoryStore"/>. The grain state serializer is whichever <c>IGrainStorageSerializer</c> DI holds.
    /// </summary>
    public static ISiloBuilder UsePushAuthPostgres(this ISiloBuilder builder, Action<PostgresStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<PostgresStorageOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStorageOptions>, PostgresStorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton(DataSourceKey, (sp, _) =>
            NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<PostgresStorageOptions>>().Value.ConnectionString));
        services.TryAddSingleton(sp => new PostgresMigrator(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey),
            sp.GetRequiredService<IOptions<PostgresStorageOptions>>().Value.StartupTimeout,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PostgresMigrator>>()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgresMigrationStartup>();
        services.TryAddSingleton(sp => new PostgresHistoryStore(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), sp.GetRequiredService<PostgresMigrator>()));
        services.TryAddSingleton<IHistoryStore>(sp => sp.GetRequiredService<PostgresHistoryStore>());
        services.TryAddSingleton<IUserIndex>(sp => new PostgresUserIndex(sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey)));

        // The storage name is read when the silo builder runs, so it comes from the delegate, not from later configuration.
        var storageName = new PostgresStorageOptions();
        configure(storageName);

        builder.UseAdoNetClustering(options => options.Configure<IServiceProvider>((o, sp) =>
        {
            o.Invariant = Invariant;
            o.DataSource = sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey);
        }));
        var adoNetName = storageName.StorageName + AdoNetStorageSuffix;
        builder.AddAdoNetGrainStorage(adoNetName, options => options.Configure<IServiceProvider>(ConfigureStorage));
        services.AddKeyedSingleton<IGrainStorage>(storageName.StorageName, (sp, _) =>
            new GrainTypeScopedGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(adoNetName)));
        services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (sp, _) =>
            sp.GetRequiredKeyedService<IGrainStorage>(storageName.StorageName));
        services.TryAddSingleton<IGrainStorage>(sp => sp.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        builder.UseAdoNetReminderService(options => options.Configure<IServiceProvider>((o, sp) =>
        {
            o.Invariant = Invariant;
            o.DataSource = sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey);
        }));
        return builder;

        static void ConfigureStorage(AdoNetGrainStorageOptions o, IServiceProvider sp)
        {
            o.Invariant = Invariant;
            o.DataSource = sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey);
        }
    }
}
