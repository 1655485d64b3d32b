namespace PushAuth.Abstractions;

/// <summary>
/// Carries the limits a request met from the service that checked them to the HTTP layer that writes the RateLimit
/// headers, without every service signature and endpoint carrying them: the HTTP layer opens a report per request
/// (<see cref="Begin"/>), services <see cref="Add"/> to it. Outside a request (a grain, a test) adding does nothing.
/// </summary>
public static class RateLimitReport
{
    private static readonly AsyncLocal<Limits?> Current = new();

    /// <summary>Opens the report of the current request; the returned list fills as services report.</summary>
    public static Limits Begin() => Current.Value = new Limits();

    /// <summary>Reports a limit the current request met (a later report of the same policy replaces the earlier one);
    /// null (no limit was checked) reports nothing.</summary>
    public static void Add(RateLimitStatus? status)
    {
        if (status is not null)
        {
            Current.Value?.Add(status);
        }
    }

    /// <summary>The limits one request met, in the order they were checked.</summary>
    public sealed class Limits
    {
        private readonly List<RateLimitStatus> _limits = [];
        private readonly Lock _lock = new();

        /// <summary>A snapshot of what was reported.</summary>
        public IReadOnlyList<RateLimitStatus> Snapshot()
        {
            lock (_lock)
            {
                return [.. _limits];
            }
        }

        internal void Add(RateLimitStatus status)
        {
            lock (_lock)
            {
                _limits.RemoveAll(l => l.Policy == status.Policy);
                _limits.Add(status);
            }
        }
    }
}
