namespace PushAuth.Testing.Clustering;

[GenerateSerializer, Alias("cluster-tests.TestState")]
public sealed record TestState
{
    [Id(0)] public string? Value { get; init; }

    [Id(1)] public int Writes { get; init; }
}
