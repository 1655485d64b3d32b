namespace PushAuth.Abstractions;

/// <summary>What <see cref="IRateLimitGrain.TakeAsync"/> answered.</summary>
/// <param name="RetryAfter">Null when a unit was taken; otherwise how long until one frees up.</param>
/// <param name="Remaining">Units left within the window after this take.</param>
/// <param name="Reset">Until the oldest unit in the window frees up (zero when none is taken).</param>
[GenerateSerializer, Immutable, Alias("pa.RateLimitTake")]
public sealed record RateLimitTake([property: Id(0)] TimeSpan? RetryAfter, [property: Id(1)] int Remaining, [property: Id(2)] TimeSpan Reset);
