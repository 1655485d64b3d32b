namespace PushAuth.Oidc.Ciba;

/// <summary>CIBA's polling pace (CIBA Core 1.0 §7.3, §11): a client that polls before <c>interval</c> has passed gets
/// <c>slow_down</c>, and its interval grows by 5 seconds for every later poll. Pure.</summary>
public static class CibaPolling
{
    public static readonly TimeSpan SlowDownStep = TimeSpan.FromSeconds(5);

    /// <summary>True when a poll at <paramref name="now"/> comes too soon after <paramref name="lastPoll"/>.</summary>
    public static bool TooSoon(DateTimeOffset? lastPoll, TimeSpan interval, DateTimeOffset now) =>
        lastPoll is { } last && now - last < interval;
}
