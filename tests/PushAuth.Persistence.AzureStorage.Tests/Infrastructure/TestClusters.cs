using Orleans.TestingHost;

namespace PushAuth.Persistence.AzureStorage.Tests.Infrastructure;

/// <summary>Builds TestingHost clusters whose silos meet through Azure Table storage on Azurite (the test membership is off).</summary>
public static class TestClusters
{
    public const string ConnectionStringKey = "PushAuthTest:ConnectionString";
    public const string TablePrefixKey = "PushAuthTest:TablePrefix";
    public const string FastFailureDetectionKey = "PushAuthTest:FastFailureDetection";

    /// <summary>A table prefix no other cluster uses: fresh tables for every cluster.</summary>
    public static string NewTablePrefix() => "t" + Guid.NewGuid().ToString("N");

    public static TestCluster Create(string connectionString, string tablePrefix, short silos = 3, string? serviceId = null, string? clusterId = null, bool fastFailureDetection = false)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        if (serviceId is not null)
        {
            builder.Options.ServiceId = serviceId;
        }
        if (clusterId is not null)
        {
            builder.Options.ClusterId = clusterId;
        }
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.Properties[TablePrefixKey] = tablePrefix;
        builder.Properties[FastFailureDetectionKey] = fastFailureDetection ? "true" : "false";
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        return builder.Build();
    }
}
