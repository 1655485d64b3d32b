using Orleans.Configuration;
using Orleans.Hosting;
using PushAuth.Grains.Storage;
using PushAuth.Persistence.AzureStorage;
using PushAuth.Persistence.Postgres;
using PushAuth.Persistence.Sqlite;

namespace PushAuth.Silo;

/// <summary>Configures clustering, grain state, reminders and the history store for the chosen deployment:
/// each deployment is one configuration of the same binary.</summary>
internal static class SiloStorage
{
    public static void Configure(ISiloBuilder silo, StorageOptions storage, SiloOptions options, IHostEnvironment environment)
    {
        switch (storage.Provider)
        {
            case StorageProvider.Sqlite:
                // One silo on this machine: no membership table, and no gateway for external clients (the API is co-hosted).
                silo.UseLocalhostClustering(options.SiloPort, 0, null, options.ServiceId, options.ClusterId);
                silo.UseSqliteStorage(StorageNames.Default, o => o.DataDirectory = storage.ResolvedDataDirectory(environment.ContentRootPath));
                break;
            case StorageProvider.Postgres:
                ConfigureEndpoint(silo, options);
                silo.UsePushAuthPostgres(o =>
                {
                    o.ConnectionString = storage.ConnectionString ?? "";
                    o.StorageName = StorageNames.Default;
                    o.StartupTimeout = storage.StartupTimeout;
                });
                break;
            case StorageProvider.AzureStorage:
                ConfigureEndpoint(silo, options);
                silo.UsePushAuthAzureStorage(o =>
                {
                    o.ConnectionString = storage.ConnectionString ?? "";
                    o.StorageName = StorageNames.Default;
                });
                break;
            default:
                throw new InvalidOperationException($"PushAuth:Storage:Provider '{storage.Provider}' must be Sqlite, Postgres or AzureStorage.");
        }
    }

    /// <summary>Silo-to-silo endpoint of a clustered deployment; Kubernetes hosting fills the address from the pod.</summary>
    private static void ConfigureEndpoint(ISiloBuilder silo, SiloOptions options) =>
        silo.Configure<EndpointOptions>(o =>
        {
            o.SiloPort = options.SiloPort;
            o.GatewayPort = 0;
            o.AdvertisedIPAddress = SiloApplication.AdvertisedAddress(options);
        });
}
