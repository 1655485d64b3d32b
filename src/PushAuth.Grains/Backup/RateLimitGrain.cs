namespace PushAuth.Grains.Backup;

/// <summary>An in-memory sliding window; kept alive past the longest window so idle collection does not forget counts.</summary>
[CollectionAgeLimit(Minutes = 70)]
internal sealed class RateLimitGrain(TimeProvider time) : Grain, IRateLimitGrain
{
    private readonly Queue<DateTimeOffset> _taken = new();

    public async Task<TimeSpan?> TryTakeAsync(int limit, TimeSpan window, CancellationToken cancellationToken = default) =>
        (await TakeAsync(limit, window, cancellationToken)).RetryAfter;

    public Task<RateLimitTake> TakeAsync(int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        while (_taken.Count > 0 && now - _taken.Peek() >= window)
        {
            _taken.Dequeue();
        }
        if (_taken.Count >= limit)
        {
            // The oldest units free up first; with more than the limit queued (a smaller limit than before), wait for enough.
            var wait = _taken.ElementAt(_taken.Count - limit) + window - now;
            return Task.FromResult(new RateLimitTake(wait, 0, wait));
        }
        _taken.Enqueue(now);
        return Task.FromResult(new RateLimitTake(null, limit - _taken.Count, _taken.Peek() + window - now));
    }
}
