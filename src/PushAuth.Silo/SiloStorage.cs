using Orleans.Configuration;
using Orleans.Hosting;
using PushAuth.History;

namespace PushAuth.Silo;

/// <summary>Configures clustering, grain state, reminders and the history store for the chosen deployment.</summary>
internal static class SiloStorage
{
    public static void Configure(ISiloBuilder silo, StorageOptions storage, SiloOptions options, IHostEnvironment environment)
    {
        switch (storage.Provider)
        {
            default:
                // Interim: in-memory until the SQLite provider lands on this branch.
                silo.UseLocalhostClustering(options.SiloPort, 0, null, options.ServiceId, options.ClusterId);
                silo.AddMemoryGrainStorage(PushAuth.Grains.Storage.StorageNames.Default);
                silo.UseInMemoryReminderService();
                silo.Services.AddSingleton<IHistoryStore, InMemoryHistoryStore>();
                break;
        }
    }
}
