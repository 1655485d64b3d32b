using Orleans.TestingHost;

namespace PushAuth.Persistence.Postgres.Tests.Infrastructure;

/// <summary>Builds TestingHost clusters whose silos meet through PostgreSQL (the test membership is off).</summary>
public static class TestClusters
{
    public const string ConnectionStringKey = "PushAuthTest:ConnectionString";
    public const string FastFailureDetectionKey = "PushAuthTest:FastFailureDetection";

    public static TestCluster Create(string connectionString, short silos = 3, string? serviceId = null, string? clusterId = null, bool fastFailureDetection = false)
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
        builder.Properties[FastFailureDetectionKey] = fastFailureDetection ? "true" : "false";
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        return builder.Build();
    }
}
