namespace PushAuth.Domain.Users;

/// <summary>Failure throttling for TOTP: free attempts, then a doubling delay, then a lock (NIST SP 800-63B ≤ 100).</summary>
public static class TotpThrottle
{
    public const int FreeFailures = 5;
    public const int LockAfterFailures = 100;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    /// <summary>The state after one more failure.</summary>
    public static UserState Failed(UserState s, DateTimeOffset now)
    {
        var failures = s.TotpFailures + 1;
        if (failures >= LockAfterFailures)
        {
            return s with { TotpFailures = failures, TotpLocked = true, TotpThrottledUntil = null };
        }
        var delay = failures < FreeFailures ? (TimeSpan?)null
            : TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, failures - FreeFailures)));
        return s with { TotpFailures = failures, TotpThrottledUntil = delay is null ? null : now + delay };
    }
}
