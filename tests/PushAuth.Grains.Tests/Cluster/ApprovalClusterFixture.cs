using Orleans.TestingHost;
using PushAuth.Testing;

namespace PushAuth.Grains.Tests.Cluster;

/// <summary>A three-silo Orleans TestingHost cluster on one shared store, started once per test class.</summary>
public abstract class ApprovalClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    protected abstract string Storage { get; }

    protected abstract Task<string> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        var connectionString = await CreateStoreAsync();
        var builder = new TestClusterBuilder(3);
        builder.Options.ServiceId = "approvals-" + Guid.NewGuid().ToString("N")[..8];
        builder.Properties[PushAuthSiloConfigurator.StorageKey] = Storage;
        builder.Properties[PushAuthSiloConfigurator.ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<PushAuthSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>A cluster of its own on PostgreSQL, for tests that kill silos.</summary>
public sealed class PostgresFailureClusterFixture : ApprovalClusterFixture
{
    protected override string Storage => "postgres";

    protected override async Task<string> CreateStoreAsync() => await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("failures");
}

/// <summary>The cluster on a private PostgreSQL database.</summary>
public sealed class PostgresApprovalClusterFixture : ApprovalClusterFixture
{
    protected override string Storage => "postgres";

    protected override async Task<string> CreateStoreAsync() => await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("approvals");
}

/// <summary>The cluster on Azurite (Azure Table clustering, grain state and reminders).</summary>
public sealed class AzuriteApprovalClusterFixture : ApprovalClusterFixture
{
    protected override string Storage => "azure";

    protected override async Task<string> CreateStoreAsync() => (await AzuriteServer.SharedAsync()).ConnectionString;
}
