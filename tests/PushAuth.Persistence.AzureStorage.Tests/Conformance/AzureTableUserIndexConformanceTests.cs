using PushAuth.History;
using PushAuth.Persistence.AzureStorage.Tests.Infrastructure;
using PushAuth.Testing.Conformance;

namespace PushAuth.Persistence.AzureStorage.Tests.Conformance;

/// <summary>The user index contract on <see cref="AzureTableUserIndex"/>, in the history's table.</summary>
public sealed class AzureTableUserIndexConformanceTests(AzureHistoryTableFixture history) : UserIndexConformance, IClassFixture<AzureHistoryTableFixture>
{
    protected override async Task<IUserIndex> CreateIndexAsync()
    {
        await history.Table.CreateIfNotExistsAsync();
        return new AzureTableUserIndex(history.Table);
    }
}
