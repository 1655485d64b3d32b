using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using PushAuth.Hosting;
using PushAuth.Hosting.Storage;

namespace PushAuth.Hosting.Postgres;

/// <summary>Registers PostgreSQL as the grain storage and notification channel.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, IConfiguration? configuration = null, Action<PostgresStorageOptions>? configure = null)
    {
        var options = services.AddOptions<PostgresStorageOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "PushAuth:Storage:ConnectionString is required when PushAuth:Storage:Provider is Postgres.")
            .Validate(o => IsValidConnectionString(o.ConnectionString), "PushAuth:Storage:ConnectionString is not a valid Npgsql connection string.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.NotificationChannel) && o.NotificationChannel.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'), "PushAuth:Storage:NotificationChannel must be letters, digits or underscores.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var builder = new NpgsqlDataSourceBuilder(sp.GetRequiredService<IOptions<PostgresStorageOptions>>().Value.ConnectionString);
            // Auto-prepare the few statements used on every turn: fewer parse/plan cycles per round trip.
            if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            {
                builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
            }
            return builder.Build();
        });
        services.AddSingleton<PostgresGrainStorage>();
        services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredService<PostgresGrainStorage>());
        services.AddSingleton<PostgresNotificationBus>();
        services.AddSingleton<LocalNotificationBus>(sp => sp.GetRequiredService<PostgresNotificationBus>());
        services.AddSingleton<INotificationBus>(sp => sp.GetRequiredService<PostgresNotificationBus>());
        services.AddSingleton<PostgresNotificationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresNotificationListener>());
        return services;
    }

    private static bool IsValidConnectionString(string value)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
