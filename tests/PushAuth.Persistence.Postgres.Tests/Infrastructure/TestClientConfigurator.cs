using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace PushAuth.Persistence.Postgres.Tests.Infrastructure;

/// <summary>The test client finds the gateways through the same membership table.</summary>
public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresSiloBuilderExtensions.Invariant;
            o.ConnectionString = configuration[TestClusters.ConnectionStringKey];
        });
}
