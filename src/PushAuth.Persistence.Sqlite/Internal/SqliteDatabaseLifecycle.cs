using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace PushAuth.Persistence.Sqlite.Internal;

/// <summary>
/// Opens the database early in silo start (so a locked directory or a bad file fails the start with its own
/// message) and closes it last in silo stop, after grains wrote their state and the reminder service stopped, so a
/// silo restarted in the same process can open the directory again.
/// </summary>
internal sealed class SqliteDatabaseLifecycle(IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>
{
    private SqliteDatabase? _database;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SqliteDatabaseLifecycle), ServiceLifecycleStage.RuntimeInitialize, OnStartAsync, OnStopAsync);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _database = services.GetRequiredService<SqliteDatabase>();
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        if (_database is not null)
        {
            await _database.DisposeAsync().ConfigureAwait(false);
        }
    }
}
