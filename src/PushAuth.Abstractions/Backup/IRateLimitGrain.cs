namespace PushAuth.Abstractions;

/// <summary>
/// A cluster-wide sliding-window counter (key: <c>{scope}:{subject}</c>, e.g. <c>contact-device:dv_…</c>), held in
/// memory: limits need no durability (an activation lost with its silo only forgets recent counts) and cost no write.
/// A leaf.
/// </summary>
[Alias("pa.IRateLimitGrain")]
public interface IRateLimitGrain : IGrainWithStringKey
{
    /// <summary>Takes one unit when fewer than <paramref name="limit"/> were taken within <paramref name="window"/>:
    /// null then; otherwise how long until one frees up.</summary>
    [Alias("TryTake")]
    Task<TimeSpan?> TryTakeAsync(int limit, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="TryTakeAsync"/>, also telling what is left and when it frees up (for the RateLimit headers).</summary>
    [Alias("Take")]
    Task<RateLimitTake> TakeAsync(int limit, TimeSpan window, CancellationToken cancellationToken = default);
}
