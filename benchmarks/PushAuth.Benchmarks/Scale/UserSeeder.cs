using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PushAuth.Abstractions;
using PushAuth.Benchmarks.Load;

namespace PushAuth.Benchmarks.Scale;

/// <summary>
/// Registers a million users in seconds instead of hours: one template user is paired through the API by the real
/// silo, then its two rows (the user grain's and its device grain's state) are copied straight into the silo's
/// SQLite file once per user, with the template's ids replaced by each user's (user id, user grain key, device id,
/// method id), in one transaction while the silo is stopped. Every row is what the product itself wrote for a paired
/// user, so the seeded users are indistinguishable from paired ones (all devices share the template's key pair,
/// which the load generator holds). Not copied: the pairing's own rows and the device's unpaired-cleanup reminder,
/// as for users paired long ago.
/// </summary>
public static class UserSeeder
{
    public sealed record Template(string UserId, string DeviceId, string MethodId, string Tenant);

    public static async Task<(int Rows, TimeSpan Elapsed)> SeedAsync(string databaseFile, Template template, int users, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await Execute(connection, "PRAGMA synchronous = OFF", cancellationToken);
        var templateKey = GrainKeys.User(template.Tenant, template.UserId);
        var user = await ReadRowAsync(connection, "user", templateKey, cancellationToken);
        var device = await ReadRowAsync(connection, "device", template.DeviceId, cancellationToken);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO grain_state (service_id, grain_type, grain_key, state_name, version, payload, modified_at) VALUES ($service, $type, $key, $state, 1, $payload, $now)";
        insert.Parameters.AddWithValue("$service", user.ServiceId);
        var type = insert.Parameters.Add("$type", SqliteType.Text);
        var state = insert.Parameters.Add("$state", SqliteType.Text);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        insert.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        insert.Prepare();
        for (var i = 0; i < users; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ids = new Replacements(template, templateKey, i);
            (type.Value, state.Value, key.Value, payload.Value) = ("user", user.StateName, ids.UserKey, ids.Apply(user.Payload));
            insert.ExecuteNonQuery();
            (type.Value, state.Value, key.Value, payload.Value) = ("device", device.StateName, ids.DeviceId, ids.Apply(device.Payload));
            insert.ExecuteNonQuery();
        }
        await transaction.CommitAsync(cancellationToken);
        return (users * 2, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The template's ids and user <c>i</c>'s, applied to a row's JSON text.</summary>
    public sealed class Replacements(Template template, string templateKey, int index)
    {
        public string UserKey { get; } = GrainKeys.User(template.Tenant, SeededIds.UserId(index));

        public string DeviceId { get; } = SeededIds.DeviceId(index);

        public byte[] Apply(string row) => System.Text.Encoding.UTF8.GetBytes(row
            .Replace(template.DeviceId, DeviceId, StringComparison.Ordinal)
            .Replace(template.MethodId, SeededIds.MethodId(index), StringComparison.Ordinal)
            .Replace(templateKey, UserKey, StringComparison.Ordinal)
            .Replace($"\"{template.UserId}\"", $"\"{SeededIds.UserId(index)}\"", StringComparison.Ordinal));
    }

    private sealed record Row(string ServiceId, string StateName, string Payload);

    private static async Task<Row> ReadRowAsync(SqliteConnection connection, string type, string key, CancellationToken cancellationToken)
    {
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT service_id, state_name, payload FROM grain_state WHERE grain_type = $type AND grain_key = $key";
        read.Parameters.AddWithValue("$type", type);
        read.Parameters.AddWithValue("$key", key);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Row(reader.GetString(0), reader.GetString(1), System.Text.Encoding.UTF8.GetString((byte[])reader.GetValue(2)))
            : throw new InvalidOperationException($"the template's {type} row ({key}) is not in the database");
    }

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
