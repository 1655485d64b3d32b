using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace PushAuth.Persistence.AzureStorage.Tests.Infrastructure;

/// <summary>The test client finds the gateways through the same membership table.</summary>
public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseAzureStorageClustering(o =>
        {
            o.TableServiceClient = new TableServiceClient(configuration[TestClusters.ConnectionStringKey]);
            o.TableName = new AzureStorageOptions { TablePrefix = configuration[TestClusters.TablePrefixKey]! }.ClusteringTableName;
        });
}
