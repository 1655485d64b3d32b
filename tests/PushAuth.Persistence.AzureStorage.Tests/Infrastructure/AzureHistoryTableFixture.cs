using Azure.Data.Tables;
using PushAuth.Testing;

namespace PushAuth.Persistence.AzureStorage.Tests.Infrastructure;

/// <summary>A fresh Azurite history table shared by the cases of one test class (each case uses its own tenant).</summary>
public sealed class AzureHistoryTableFixture : IAsyncLifetime
{
    public TableClient Table { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = (await AzuriteServer.SharedAsync()).ConnectionString;
        Table = new TableServiceClient(connectionString).GetTableClient(new AzureStorageOptions { TablePrefix = TestClusters.NewTablePrefix() }.HistoryTableName);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
