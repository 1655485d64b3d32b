using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PushAuth.Hosting.Storage;

namespace PushAuth.Hosting.Sqlite;

/// <summary>Registers SQLite as the grain storage.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, IConfiguration? configuration = null, Action<SqliteStorageOptions>? configure = null)
    {
        var options = services.AddOptions<SqliteStorageOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "PushAuth:Storage:DataDirectory must not be empty.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.FileName) && o.FileName.IndexOfAny(Path.GetInvalidFileNameChars()) < 0, "PushAuth:Storage:FileName must be a plain file name.")
            .ValidateOnStart();
        services.AddSingleton<SqliteGrainStorage>();
        services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredService<SqliteGrainStorage>());
        return services;
    }
}
