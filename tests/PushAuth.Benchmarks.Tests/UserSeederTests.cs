using System.Text;
using Microsoft.Data.Sqlite;
using PushAuth.Abstractions;
using PushAuth.Benchmarks.Load;
using PushAuth.Benchmarks.Scale;

namespace PushAuth.Benchmarks.Tests;

public sealed class UserSeederTests : IDisposable
{
    private static readonly UserSeeder.Template Template = new("scale-template", "dv_TemplateDeviceId0000000", "push_TemplateMethod0", "bench");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pushauth-seeder-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Seeded_ids_have_the_shapes_the_silo_makes()
    {
        Assert.Matches("^dv_[A-Za-z0-9_-]{22}$", SeededIds.DeviceId(7));
        Assert.Matches("^push_[A-Za-z0-9_-]{16}$", SeededIds.MethodId(7));
        Assert.NotEqual(SeededIds.DeviceId(7), SeededIds.DeviceId(8));
        Assert.Equal("u7", SeededIds.UserId(7));
    }

    [Fact]
    public void Every_id_of_the_template_is_replaced_by_the_users()
    {
        var templateKey = GrainKeys.User("bench", Template.UserId);
        var row = $$"""{"userId":"{{Template.UserId}}","devices":[{"methodId":"{{Template.MethodId}}","deviceId":"{{Template.DeviceId}}"}],"pairings":[{"userKey":"{{templateKey}}"}],"pushToken":"{{Template.DeviceId}}"}""";

        var ids = new UserSeeder.Replacements(Template, templateKey, 42);
        var seeded = Encoding.UTF8.GetString(ids.Apply(row));

        Assert.Equal($$"""{"userId":"u42","devices":[{"methodId":"{{SeededIds.MethodId(42)}}","deviceId":"{{SeededIds.DeviceId(42)}}"}],"pairings":[{"userKey":"{{GrainKeys.User("bench", "u42")}}"}],"pushToken":"{{SeededIds.DeviceId(42)}}"}""", seeded);
    }

    [Fact]
    public async Task The_template_rows_are_copied_once_per_user_under_each_users_keys()
    {
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "pushauth.db");
        var templateKey = GrainKeys.User("bench", Template.UserId);
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            // The SQLite provider's grain_state table.
            create.CommandText = $$"""
                CREATE TABLE grain_state (service_id TEXT NOT NULL, grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL, version INTEGER NOT NULL,
                    payload BLOB NULL, modified_at INTEGER NOT NULL, PRIMARY KEY (service_id, grain_type, grain_key, state_name));
                INSERT INTO grain_state VALUES ('pushauth', 'user', '{{templateKey}}', 'user', 3, CAST('{"userId":"{{Template.UserId}}","deviceId":"{{Template.DeviceId}}"}' AS BLOB), 0);
                INSERT INTO grain_state VALUES ('pushauth', 'device', '{{Template.DeviceId}}', 'device', 6, CAST('{"pairings":[{"userKey":"{{templateKey}}"}]}' AS BLOB), 0);
                """;
            await create.ExecuteNonQueryAsync();
        }

        var (rows, _) = await UserSeeder.SeedAsync(file, Template, 3, CancellationToken.None);

        Assert.Equal(6, rows);
        await using var check = new SqliteConnection($"Data Source={file};Pooling=false");
        await check.OpenAsync();
        await using var read = check.CreateCommand();
        read.CommandText = "SELECT grain_type, grain_key, state_name, version, CAST(payload AS TEXT) FROM grain_state WHERE grain_key IN ($user, $device) ORDER BY grain_type";
        read.Parameters.AddWithValue("$user", GrainKeys.User("bench", "u2"));
        read.Parameters.AddWithValue("$device", SeededIds.DeviceId(2));
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("device", "device", 1L), (reader.GetString(0), reader.GetString(2), reader.GetInt64(3)));
        Assert.Equal($$"""{"pairings":[{"userKey":"{{GrainKeys.User("bench", "u2")}}"}]}""", reader.GetString(4));
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("user", "user"), (reader.GetString(0), reader.GetString(2)));
        Assert.Equal($$"""{"userId":"u2","deviceId":"{{SeededIds.DeviceId(2)}}"}""", reader.GetString(4));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
