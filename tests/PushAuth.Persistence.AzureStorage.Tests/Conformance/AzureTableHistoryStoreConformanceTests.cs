using Azure;
using Azure.Data.Tables;
using PushAuth.History;
using PushAuth.Persistence.AzureStorage.Tests.Infrastructure;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.AzureStorage.Tests.Conformance;

/// <summary>The history store contract on <see cref="AzureTableHistoryStore"/>; tampering writes the entity directly.</summary>
public sealed class AzureTableHistoryStoreConformanceTests(AzureHistoryTableFixture history) : HistoryStoreConformance, IClassFixture<AzureHistoryTableFixture>
{
    protected override Task<IHistoryStore> CreateStoreAsync() => Task.FromResult<IHistoryStore>(new AzureTableHistoryStore(history.Table));

    protected override async Task TamperAsync(string tenantId, long sequence)
    {
        var entity = new TableEntity(TableKeys.Partition(tenantId), TableKeys.Record(sequence)) { ["Status"] = "approved-by-attacker" };
        await history.Table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge);
    }

    protected override async Task DeleteRowAsync(string tenantId, long sequence)
    {
        // Both entities of the entry: its record and its event-id index.
        var record = await history.Table.GetEntityAsync<TableEntity>(TableKeys.Partition(tenantId), TableKeys.Record(sequence));
        await history.Table.DeleteEntityAsync(TableKeys.Partition(tenantId), TableKeys.Event(record.Value.GetString("EventId")), ETag.All);
        await history.Table.DeleteEntityAsync(TableKeys.Partition(tenantId), TableKeys.Record(sequence), ETag.All);
    }
}
