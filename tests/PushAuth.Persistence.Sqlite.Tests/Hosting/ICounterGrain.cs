namespace PushAuth.Persistence.Sqlite.Tests.Hosting;

/// <summary>A counter kept in <c>[PersistentState]</c> on the default grain storage.</summary>
[Alias("PushAuth.Persistence.Sqlite.Tests.Hosting.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one, writes the state and returns the new count.</summary>
    [Alias("IncrementAsync")]
    Task<int> IncrementAsync(CancellationToken cancellationToken = default);

    /// <summary>The stored count.</summary>
    [Alias("GetAsync")]
    Task<int> GetAsync(CancellationToken cancellationToken = default);
}
