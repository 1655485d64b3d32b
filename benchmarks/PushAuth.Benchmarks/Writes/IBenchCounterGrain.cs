namespace PushAuth.Benchmarks.Writes;

/// <summary>A grain whose every call is one state write: the Orleans side of the write-loop benchmark.</summary>
[Alias("bench.IBenchCounterGrain")]
public interface IBenchCounterGrain : IGrainWithStringKey
{
    [Alias("Increment")]
    Task<int> IncrementAsync();
}
