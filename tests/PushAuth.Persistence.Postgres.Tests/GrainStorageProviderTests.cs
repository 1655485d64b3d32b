using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using PushAuth.Persistence.Postgres.Tests.Infrastructure;
using PushAuth.Persistence.Postgres.Tests.TestGrains;

namespace PushAuth.Persistence.Postgres.Tests;

/// <summary>Orleans' ADO.NET grain storage on our schema, used directly from a silo's DI.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class GrainStorageProviderTests(PostgresClusterFixture fixture)
{
    private IServiceProvider Services => ((InProcessSiloHandle)fixture.Cluster.Silos[0]).SiloHost.Services;

    private IGrainStorage Storage => Services.GetRequiredKeyedService<IGrainStorage>(PostgresStorageOptions.DefaultStorageName);

    [Fact]
    public async Task WriteState_TwoWritersOnOneRow_SecondThrowsInconsistentStateException()
    {
        var grainId = GrainId.Create("pg-test", Guid.NewGuid().ToString("N"));
        var first = new GrainState<TestState>(new TestState());
        var second = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync("state", grainId, first);
        await Storage.ReadStateAsync("state", grainId, second);
        Assert.Null(first.ETag);

        first.State = new TestState { Value = "first" };
        await Storage.WriteStateAsync("state", grainId, first);
        second.State = new TestState { Value = "second" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", grainId, second));

        // The loser re-reads and wins with the fresh ETag; the first writer is now stale in turn.
        await Storage.ReadStateAsync("state", grainId, second);
        Assert.Equal("first", second.State.Value);
        second.State = new TestState { Value = "second" };
        await Storage.WriteStateAsync("state", grainId, second);
        first.State = new TestState { Value = "late" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", grainId, first));
    }

    [Fact]
    public async Task ClearState_StaleETag_ThrowsInconsistentStateException()
    {
        var grainId = GrainId.Create("pg-test", Guid.NewGuid().ToString("N"));
        var writer = new GrainState<TestState>(new TestState { Value = "v1" });
        await Storage.WriteStateAsync("state", grainId, writer);
        var stale = new GrainState<TestState>(new TestState()) { ETag = writer.ETag, RecordExists = true };
        await Storage.WriteStateAsync("state", grainId, writer);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("state", grainId, stale));
        await Storage.ClearStateAsync("state", grainId, writer);
        var read = new GrainState<TestState>(new TestState());
        await Storage.ReadStateAsync("state", grainId, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public void Options_GrainStorageSerializer_IsTheOneRegisteredInDI()
    {
        var monitor = Services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>();
        Assert.IsType<RecordingJsonSerializer>(monitor.Get(PostgresStorageOptions.DefaultStorageName).GrainStorageSerializer);
        Assert.IsType<RecordingJsonSerializer>(monitor.Get(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME).GrainStorageSerializer);
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
        await using var command = new NpgsqlCommand("SELECT payload FROM orleans_storage WHERE grain_id_ext = $1", connection)
        {
            Parameters = { new() { Value = key } },
        };
        var payload = (byte[])(await command.ExecuteScalarAsync())!;
        using var json = JsonDocument.Parse(payload);
        Assert.Equal("stored as JSON", json.RootElement.GetProperty("Value").GetString());
        Assert.False(json.RootElement.TryGetProperty("$type", out _));
    }
}
