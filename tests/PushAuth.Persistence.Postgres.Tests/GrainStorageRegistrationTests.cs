using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Storage;
using PushAuth.Persistence.Postgres.Tests.Infrastructure;
using PushAuth.Testing.Clustering;

namespace PushAuth.Persistence.Postgres.Tests;

/// <summary>What UsePushAuthPostgres registers for grain state: one ADO.NET storage behind the named and the default
/// storage, rows scoped by grain type, and the serializer left to DI.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class GrainStorageRegistrationTests(PostgresClusterFixture fixture)
{
    [Fact]
    public void DefaultAndNamedStorage_AreOneProvider()
    {
        var named = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(PostgresStorageOptions.DefaultStorageName);

        Assert.Same(named, fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        Assert.Same(named, fixture.SiloServices.GetRequiredService<IGrainStorage>());
    }

    [Fact]
    public void Options_GrainStorageSerializer_IsTheOneRegisteredInDI()
    {
        var monitor = fixture.SiloServices.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>();

        Assert.IsType<RecordingJsonSerializer>(
            monitor.Get(PostgresStorageOptions.DefaultStorageName + PostgresSiloBuilderExtensions.AdoNetStorageSuffix).GrainStorageSerializer);
    }

    [Fact]
    public async Task WriteState_Payload_IsTheDISerializersJson()
    {
        var before = RecordingJsonSerializer.Serializations;
        var key = $"json-{Guid.NewGuid():N}";

        await fixture.Cluster.Client.GetGrain<IStateGrain>(key).SetAsync("stored as JSON");

        Assert.True(RecordingJsonSerializer.Serializations > before);
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT grain_type, payload FROM orleans_storage WHERE grain_id_ext = $1", connection)
        {
            Parameters = { new() { Value = key } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        // Orleans names StateGrain's type "state"; the state name follows it.
        Assert.Equal("state/state", reader.GetString(0));
        using var json = JsonDocument.Parse(reader.GetFieldValue<byte[]>(1));
        Assert.Equal("stored as JSON", json.RootElement.GetProperty("Value").GetString());
        Assert.False(json.RootElement.TryGetProperty("$type", out _));
    }
}
