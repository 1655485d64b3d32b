using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using PushAuth.History;
using PushAuth.Persistence.Sqlite.Internal;

namespace PushAuth.Persistence.Sqlite;

/// <summary>Puts a silo on the embedded SQLite database: grain storage, reminders and the history store.</summary>
public static class SqliteSiloBuilderExtensions
{
    /// <summary>
    /// Registers the silo's <see cref="SqliteDatabase"/>, a <see cref="SqliteGrainStorage"/> as the default grain
    /// storage, the reminder service on <see cref="SqliteReminderTable"/> and <see cref="SqliteHistoryStore"/> as
    /// <see cref="IHistoryStore"/>. The options are validated when the host starts.
    /// </summary>
    public static ISiloBuilder UseSqliteStorage(this ISiloBuilder builder, Action<SqliteStorageOptions> configure) =>
        builder.UseSqliteStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>As <see cref="UseSqliteStorage(ISiloBuilder, Action{SqliteStorageOptions})"/>, with the grain storage
    /// registered under <paramref name="storageName"/> and also as the default one.</summary>
    public static ISiloBuilder UseSqliteStorage(
        this ISiloBuilder builder,
        string storageName,
        Action<SqliteStorageOptions> configure,
        Action<SqliteGrainStorageOptions>? configureGrainStorage = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageName);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;

        services.AddOptions<SqliteStorageOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteDatabase>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SqliteDatabaseLifecycle>();

        builder.AddSqliteGrainStorage(storageName, configureGrainStorage);
        if (!string.Equals(storageName, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, StringComparison.Ordinal))
        {
            services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
                (sp, _) => sp.GetRequiredKeyedService<IGrainStorage>(storageName));
            services.AddSingleton(sp => sp.GetRequiredKeyedService<IGrainStorage>(storageName));
        }

        builder.AddReminders();
        services.AddSingleton<IReminderTable, SqliteReminderTable>();
        services.AddSingleton<IHistoryStore, SqliteHistoryStore>();
        services.AddSingleton<IUserIndex, SqliteUserIndex>();
        return builder;
    }

    /// <summary>Adds one more named grain storage on the silo's SQLite database (after
    /// <see cref="UseSqliteStorage(ISiloBuilder, Action{SqliteStorageOptions})"/>).</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var services = builder.Services;
        var options = services.AddOptions<SqliteGrainStorageOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddEnumerable(ServiceDescriptor.Transient<IPostConfigureOptions<SqliteGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>());
        services.AddGrainStorage(name, SqliteGrainStorage.Create);
        return builder;
    }
}
