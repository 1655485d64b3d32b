using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using PushAuth.Abstractions;

namespace PushAuth.Benchmarks.Approvals;

/// <summary>
/// The size of a user's grain state as stored: the row's payload read from the database after the run (the silos
/// have stopped), and where its bytes go. The probe user has had 50 approvals, each from another network: the
/// product keeps its 20 newest resolved challenges and its full approval record.
/// </summary>
public static class StoredUserState
{
    public static async Task<byte[]?> ReadSqliteAsync(string dataDirectory, string tenant, string userId, CancellationToken cancellationToken)
    {
        var file = Path.Combine(dataDirectory, "pushauth.db");
        if (!File.Exists(file))
        {
            return null;
        }
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE grain_type = 'user' AND grain_key = $key";
        command.Parameters.AddWithValue("$key", GrainKeys.User(tenant, userId));
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public static async Task<byte[]?> ReadPostgresAsync(string connectionString, string tenant, string userId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // Orleans' ADO.NET storage keeps a string grain key in the extension column; the type column is ours ("user/…").
        await using var command = new NpgsqlCommand("SELECT payload FROM orleans_storage WHERE grain_id_ext = @key AND grain_type LIKE 'user%'", connection);
        command.Parameters.AddWithValue("key", GrainKeys.User(tenant, userId));
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <summary>The largest members of a JSON state (top level, and one level into objects), with their share of the
    /// row, largest first: "challenges 9,120 B (58 %), push.recentApprovals 4,410 B (28 %), …".</summary>
    public static string Breakdown(byte[] payload, int top = 6)
    {
        using var json = JsonDocument.Parse(payload);
        var parts = new List<(string Path, int Bytes)>();
        foreach (var member in json.RootElement.EnumerateObject())
        {
            var size = Size(member);
            if (member.Value.ValueKind == JsonValueKind.Object && member.Value.EnumerateObject().Any())
            {
                parts.AddRange(member.Value.EnumerateObject().Select(inner => ($"{member.Name}.{inner.Name}", Size(inner))));
            }
            else
            {
                parts.Add((member.Name, size));
            }
        }
        return string.Join(", ", parts.OrderByDescending(p => p.Bytes).Take(top)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Path} {p.Bytes:N0} B ({(double)p.Bytes / payload.Length:P0})")));
    }

    /// <summary>Bytes of one member as it stands in the compact row: its quoted name, the colon and its value.</summary>
    private static int Size(JsonProperty member) => Encoding.UTF8.GetByteCount(member.Name) + 3 + Encoding.UTF8.GetByteCount(member.Value.GetRawText());
}
