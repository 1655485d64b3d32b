using Microsoft.Extensions.Options;
using Npgsql;
using PushAuth.Hosting;

namespace PushAuth.Hosting.Postgres;

/// <summary>Wake-ups across silos: publishing NOTIFYs every silo (writes NOTIFY inside their own transaction);
/// <see cref="PostgresNotificationListener"/> feeds what arrives into the local subscribers.</summary>
public sealed class PostgresNotificationBus(NpgsqlDataSource dataSource, IOptions<PostgresStorageOptions> options) : LocalNotificationBus
{
    public override async Task PublishAsync(string topic, CancellationToken cancellationToken = default)
    {
        PublishLocal(topic);
        await using var command = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = options.Value.NotificationChannel });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = topic });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
