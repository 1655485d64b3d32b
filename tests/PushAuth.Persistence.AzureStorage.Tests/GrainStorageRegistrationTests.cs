using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Storage;
using PushAuth.Persistence.AzureStorage.Tests.Infrastructure;
using PushAuth.Testing.Clustering;

namespace PushAuth.Persistence.AzureStorage.Tests;

/// <summary>What UsePushAuthAzureStorage registers for grain state: one Azure Table storage behind the named and the
/// default storage, with the serializer left to DI.</summary>
[Collection(AzureClusterCollection.Name)]
public sealed class GrainStorageRegistrationTests(AzureClusterFixture fixture)
{
    [Fact]
    public void DefaultAndNamedStorage_AreOneProvider()
    {
        var named = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(AzureStorageOptions.DefaultStorageName);

        Assert.Same(named, fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        Assert.Same(named, fixture.SiloServices.GetRequiredService<IGrainStorage>());
    }

    [Fact]
    public void Options_GrainStorageSerializer_IsTheOneRegisteredInDI()
    {
        var monitor = fixture.SiloServices.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>();

        Assert.IsType<RecordingJsonSerializer>(monitor.Get(AzureStorageOptions.DefaultStorageName).GrainStorageSerializer);
    }

    [Fact]
    public async Task WriteState_Entity_HoldsTheDISerializersJson()
    {
        var before = RecordingJsonSerializer.Serializations;
        var key = $"json-{Guid.NewGuid():N}";

        await fixture.Cluster.Client.GetGrain<IStateGrain>(key).SetAsync("stored as JSON");

        Assert.True(RecordingJsonSerializer.Serializations > before);
        TableEntity? stored = null;
        await foreach (var entity in fixture.Table(fixture.Tables.GrainStateTableName).QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"RowKey eq {"state"}")))
        {
            if (entity.PartitionKey.EndsWith(key, StringComparison.Ordinal))
            {
                stored = entity;
            }
        }
        Assert.NotNull(stored);
        using var json = JsonDocument.Parse(stored.GetBinary("Data"));
        Assert.Equal("stored as JSON", json.RootElement.GetProperty("Value").GetString());
        Assert.False(json.RootElement.TryGetProperty("$type", out _));
    }
}
