namespace PushAuth.Hosting;

/// <summary>Retry delays for outbox messages: exponential with jitter.</summary>
public static class OutboxBackoff
{
    /// <summary>1 s, 2 s, 4 s … capped at 5 minutes, each with jitter over its upper half.</summary>
    public static TimeSpan For(int attempts)
    {
        var ceiling = Math.Min(300.0, Math.Pow(2, Math.Clamp(attempts, 0, 16)));
        return TimeSpan.FromSeconds(ceiling / 2 + (Random.Shared.NextDouble() * ceiling / 2));
    }
}
