namespace PushAuth.Domain.Recovery;

/// <summary>The pure rules of temporary codes: validity bounds, the hourly limit, one active code, expiry.</summary>
public static class TemporaryCodePolicy
{
    public const int Digits = 8;
    public const int MaxPerHour = 6;
    /// <summary>The name the hourly quota is told by in the RateLimit fields.</summary>
    public const string RatePolicy = "temporary-code";
    public static readonly TimeSpan MinValidity = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxValidity = TimeSpan.FromHours(24);
    private static readonly TimeSpan RateWindow = TimeSpan.FromHours(1);

    /// <summary>Drops an expired code and issue times older than the rate window.</summary>
    public static UserRecoveryState Prune(UserRecoveryState s, DateTimeOffset now)
    {
        var active = s.ActiveCode is { } c && c.ExpiresAt > now ? c : null;
        var issued = s.CodesIssued.Where(t => now - t < RateWindow).ToList();
        return ReferenceEquals(active, s.ActiveCode) && issued.Count == s.CodesIssued.Count ? s : s with { ActiveCode = active, CodesIssued = issued };
    }

    /// <summary>Throws the 400 of a validity out of bounds or the 429 of a seventh code within an hour.</summary>
    public static void EnsureMayIssue(UserRecoveryState pruned, TimeSpan validity, DateTimeOffset now)
    {
        if (validity < MinValidity || validity > MaxValidity)
        {
            throw ProblemCodes.Users.ValidityHoursOutOfRange.Error("'validityHours' must be 1..24: a temporary code lives between 1 and 24 hours.");
        }
        if (pruned.CodesIssued.Count >= MaxPerHour)
        {
            var retry = pruned.CodesIssued.Min() + RateWindow - now;
            throw ProblemCodes.Users.TemporaryCodeRateLimited.Error($"At most {MaxPerHour} temporary codes per user per hour; try again later.", retry)
                .WithRateLimit(new RateLimitStatus(RatePolicy, MaxPerHour, RateWindow, 0, retry));
        }
    }

    /// <summary>The hourly quota as the issuing admin is told it: what is left, and when the oldest issue still counted
    /// leaves the window (zero when none counts). <paramref name="pruned"/> is pruned at <paramref name="now"/>.</summary>
    public static RateLimitStatus Rate(UserRecoveryState pruned, DateTimeOffset now)
    {
        var reset = pruned.CodesIssued.Count == 0 ? TimeSpan.Zero : pruned.CodesIssued.Min() + RateWindow - now;
        return new RateLimitStatus(RatePolicy, MaxPerHour, RateWindow, Math.Max(0, MaxPerHour - pruned.CodesIssued.Count), reset > TimeSpan.Zero ? reset : TimeSpan.Zero);
    }

    /// <summary>The state with <paramref name="code"/> as the one active code (a new one replaces the old).</summary>
    public static UserRecoveryState Issued(UserRecoveryState pruned, TemporaryCode code, DateTimeOffset now) =>
        pruned with { ActiveCode = code, CodesIssued = [.. pruned.CodesIssued, now] };

    /// <summary>The state after the active code was accepted: gone when one-time, remembered as used when reusable.</summary>
    public static UserRecoveryState Used(UserRecoveryState s, DateTimeOffset now) =>
        s.ActiveCode is { Reusable: true } c ? s with { ActiveCode = c with { LastUsedAt = now } } : s with { ActiveCode = null };
}
