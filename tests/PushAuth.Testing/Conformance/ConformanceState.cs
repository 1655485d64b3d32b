namespace PushAuth.Testing.Conformance;

/// <summary>The small state the grain storage conformance cases write and read back. Plain enough for any
/// <see cref="Orleans.Storage.IGrainStorageSerializer"/>: System.Text.Json, Newtonsoft or Orleans' own.</summary>
[GenerateSerializer]
[Alias("PushAuth.Testing.Conformance.ConformanceState")]
public sealed record ConformanceState([property: Id(0)] string? Name, [property: Id(1)] int Count);
