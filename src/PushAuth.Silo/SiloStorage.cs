using Orleans.Hosting;
using PushAuth.Grains.Storage;
using PushAuth.Persistence.Sqlite;

namespace PushAuth.Silo;

/// <summary>Configures clustering, grain state, reminders and the history store for the chosen deployment.</summary>
internal static class SiloStorage
{
    public static void Configure(ISiloBuilder silo, StorageOptions storage, SiloOptions options, IHostEnvironment environment)
    {
        switch (storage.Provider)
        {
            case StorageProvider.Sqlite:
                // One silo on this machine: no membership table, no gateway for external clients (the API is co-hosted).
                silo.UseLocalhostClustering(options.SiloPort, 0, null, options.ServiceId, options.ClusterId);
                silo.UseSqliteStorage(StorageNames.Default, o => o.DataDirectory = storage.ResolvedDataDirectory(environment.ContentRootPath));
                break;
            default:
                throw new InvalidOperationException($"PushAuth:Storage:Provider '{storage.Provider}' is not available in this build.");
        }
    }
}
