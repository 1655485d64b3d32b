namespace PushAuth.Persistence.AzureStorage.Tests.TestGrains;

[GenerateSerializer, Alias("azure-tests.TestState")]
public sealed record TestState
{
    [Id(0)] public string? Value { get; init; }

    [Id(1)] public int Writes { get; init; }
}
