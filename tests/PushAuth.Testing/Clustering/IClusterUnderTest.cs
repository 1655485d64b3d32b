using Orleans.TestingHost;

namespace PushAuth.Testing.Clustering;

/// <summary>A provider's shared three-silo cluster (an xunit fixture) and a way to make fresh stores for tests that
/// start, kill or restart clusters of their own.</summary>
public interface IClusterUnderTest
{
    /// <summary>Three silos, deployed, shared by the tests of a collection.</summary>
    TestCluster Cluster { get; }

    /// <summary>The store <see cref="Cluster"/> runs on.</summary>
    ClusterStore Store { get; }

    /// <summary>A store no other cluster uses (a new database, or tables with a new prefix).</summary>
    Task<ClusterStore> NewStoreAsync(string name);
}
