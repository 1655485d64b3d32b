namespace PushAuth.Persistence.Sqlite.Tests.Hosting;

/// <summary>The persisted state of <see cref="CounterGrain"/>.</summary>
[GenerateSerializer]
[Alias("PushAuth.Persistence.Sqlite.Tests.Hosting.CounterState")]
public sealed record CounterState([property: Id(0)] int Count);
