using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace PushAuth.Persistence.Sqlite.Tests;

/// <summary>Builds the provider's pieces outside a silo, as the silo's DI would.</summary>
public static class TestStorage
{
    public const string ServiceId = "pushauth-tests";

    private static readonly Lazy<IActivatorProvider> Activators = new(() =>
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>());

    /// <summary>Orleans' System.Text.Json grain storage serializer, as the lead's silo registers one.</summary>
    public static IGrainStorageSerializer Serializer { get; } =
        new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));

    public static SqliteDatabase OpenDatabase(string directory, Action<SqliteStorageOptions>? configure = null)
    {
        var options = new SqliteStorageOptions { DataDirectory = directory };
        configure?.Invoke(options);
        return new SqliteDatabase(Options.Create(options), TimeProvider.System, NullLogger<SqliteDatabase>.Instance);
    }

    public static SqliteGrainStorage GrainStorage(SqliteDatabase database, bool deleteStateOnClear = false, string serviceId = ServiceId) => new(
        "test",
        new SqliteGrainStorageOptions { GrainStorageSerializer = Serializer, DeleteStateOnClear = deleteStateOnClear },
        database,
        Cluster(serviceId),
        Activators.Value,
        NullLogger<SqliteGrainStorage>.Instance);

    public static SqliteReminderTable ReminderTable(SqliteDatabase database, string serviceId = ServiceId) =>
        new(database, Cluster(serviceId), NullLogger<SqliteReminderTable>.Instance);

    public static SqliteHistoryStore HistoryStore(SqliteDatabase database) => new(database, NullLogger<SqliteHistoryStore>.Instance);

    /// <summary>A connection of its own to the database file, as an admin tool or an attacker would open it.</summary>
    public static async Task<SqliteConnection> RawConnectionAsync(SqliteDatabase database)
    {
        var connection = new SqliteConnection($"Data Source={database.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs a scalar query on a raw connection.</summary>
    public static async Task<object?> ScalarAsync(SqliteDatabase database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await RawConnectionAsync(database);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return await command.ExecuteScalarAsync();
    }

    private static IOptions<ClusterOptions> Cluster(string serviceId) => Options.Create(new ClusterOptions { ClusterId = "tests", ServiceId = serviceId });
}
