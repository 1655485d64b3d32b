using Orleans.Concurrency;

namespace PushAuth.Testing.Clustering;

/// <summary>A grain with one persistent state on the PushAuth storage.</summary>
[Alias("cluster-tests.IStateGrain")]
public interface IStateGrain : IGrainWithStringKey
{
    /// <summary>Stores <paramref name="value"/> and writes the state.</summary>
    [Alias("Set")]
    Task SetAsync(string value, CancellationToken cancellationToken = default);

    /// <summary>The stored value and how many writes made it.</summary>
    [Alias("Get"), ReadOnly]
    Task<TestState> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>The silo the activation runs on.</summary>
    [Alias("Silo"), ReadOnly]
    Task<string> GetSiloAsync(CancellationToken cancellationToken = default);
}
