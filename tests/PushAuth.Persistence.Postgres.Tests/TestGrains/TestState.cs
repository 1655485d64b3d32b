namespace PushAuth.Persistence.Postgres.Tests.TestGrains;

[GenerateSerializer, Alias("pg-tests.TestState")]
public sealed record TestState
{
    [Id(0)] public string? Value { get; init; }

    [Id(1)] public int Writes { get; init; }
}
