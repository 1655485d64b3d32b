using Orleans.Runtime;
using Orleans.TestingHost;

namespace PushAuth.Testing.Clustering;

/// <summary>
/// What <see cref="ClusterSuite"/> needs to know of one storage provider: how to start silos that meet through it, and
/// how to read its membership and reminder rows. One instance is one store (a database, a set of tables): clusters
/// built on it share their grain state, membership and reminders.
/// </summary>
public abstract class ClusterStore
{
    /// <summary>A TestingHost cluster (not deployed yet) whose silos meet through this store (the test membership is
    /// off) and keep grain state and reminders in it.</summary>
    public abstract TestCluster CreateCluster(short silos = 3, string? serviceId = null, string? clusterId = null, bool fastFailureDetection = false);

    /// <summary>How many silos of <paramref name="clusterId"/> the membership table shows as Active.</summary>
    public abstract Task<int> ActiveSilosAsync(string clusterId);

    /// <summary>Whether the membership table shows <paramref name="silo"/> of <paramref name="clusterId"/> as Dead.</summary>
    public abstract Task<bool> IsDeadAsync(string clusterId, SiloAddress silo);

    /// <summary>How many reminder rows belong to grains keyed by one of <paramref name="grainKeys"/>.</summary>
    public abstract Task<long> ReminderRowsAsync(IReadOnlyCollection<string> grainKeys);
}
