using Orleans;
using Orleans.Runtime;

namespace PushAuth.Persistence.Postgres;

/// <summary>Runs the migration in the silo's first lifecycle stage, before the ADO.NET providers read <c>OrleansQuery</c>
/// (membership at <see cref="ServiceLifecycleStage.RuntimeGrainServices"/>, storage and reminders later).</summary>
internal sealed class PostgresMigrationStartup(PostgresMigrator migrator) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresMigrationStartup), ServiceLifecycleStage.First, cancellationToken => migrator.MigrateAsync(cancellationToken));
}
