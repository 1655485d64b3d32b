namespace PushAuth.Benchmarks.Writes;

/// <summary>About 230 bytes of JSON, the size of a small grain state.</summary>
public sealed record BenchCounterState
{
    public int Count { get; init; }

    public string Padding { get; init; } = new('x', 200);
}
