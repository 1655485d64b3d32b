using System.Net;
using System.Net.Sockets;
using PushAuth.Abstractions;

namespace PushAuth.Domain.Challenges;

/// <summary>Pure rules of push-fatigue protection, rate limits, idempotency and auto-approve eligibility.</summary>
public static class UserPushPolicy
{
    private const int MaxIdempotencyEntries = 50;
    private const int MaxHistoryEntries = 100;
    private const int MaxRecentApprovals = 50;
    /// <summary>The name the per-user push rate is told by in the RateLimit fields.</summary>
    public const string RatePolicy = "user-push";
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);
    /// <summary>How long an Idempotency-Key is remembered (at most <see cref="MaxIdempotencyEntries"/> per user).</summary>
    public static readonly TimeSpan IdempotencyLifetime = TimeSpan.FromHours(24);

    /// <summary>Drops what no longer counts: pushes older than a minute, old idempotency keys, a lapsed block.</summary>
    public static UserPushState Prune(UserPushState s, DateTimeOffset now) => s with
    {
        RecentPushes = [.. s.RecentPushes.Where(t => now - t < TimeSpan.FromMinutes(1))],
        Idempotency = [.. s.Idempotency.Where(i => now - i.At < IdempotencyLifetime)],
        BlockedUntil = s.BlockedUntil > now ? s.BlockedUntil : null,
        BlockReason = s.BlockedUntil > now ? s.BlockReason : null,
    };

    /// <summary>Throws the 423 of a push block. A block wins over every auto-approve rule, so this is checked first.</summary>
    public static void EnsureNotBlocked(UserPushState s, DateTimeOffset now)
    {
        if (s.BlockedUntil is { } until && until > now)
        {
            throw ProblemCodes.Challenges.PushBlocked.Error($"Push approvals for this user are blocked ({s.BlockReason}); use another verification method.", until - now);
        }
    }

    /// <summary>Throws the 423/429 that tells the login service to fall back to another method, or returns normally.</summary>
    public static void EnsureMayPush(UserPushState s, int outstanding, TenantSettings settings, DateTimeOffset now)
    {
        EnsureNotBlocked(s, now);
        if (outstanding >= settings.MaxOutstandingChallenges)
        {
            throw ProblemCodes.Challenges.TooManyOutstanding.Error($"The user already has {outstanding} pending push challenges; wait for them or cancel one.", TimeSpan.FromSeconds(5));
        }
        if (s.RecentPushes.Count >= settings.PushesPerUserPerMinute)
        {
            var retry = s.RecentPushes.Min() + RateWindow - now;
            throw ProblemCodes.Challenges.PushRateLimited.Error("Too many push challenges for this user; try again later or use another method.", retry)
                .WithRateLimit(new RateLimitStatus(RatePolicy, settings.PushesPerUserPerMinute, RateWindow, 0, retry));
        }
    }

    /// <summary>The per-minute push rate as the login service is told it: what is left of the tenant's quota and when the
    /// oldest push still counted leaves the window (zero when none counts). <paramref name="s"/> is pruned at
    /// <paramref name="now"/>.</summary>
    public static RateLimitStatus Rate(UserPushState s, TenantSettings settings, DateTimeOffset now)
    {
        var reset = s.RecentPushes.Count == 0 ? TimeSpan.Zero : s.RecentPushes.Min() + RateWindow - now;
        return new RateLimitStatus(RatePolicy, settings.PushesPerUserPerMinute, RateWindow, Math.Max(0, settings.PushesPerUserPerMinute - s.RecentPushes.Count),
            reset > TimeSpan.Zero ? reset : TimeSpan.Zero);
    }

    /// <summary>Records a new challenge: a push counts toward the per-minute limit; an Idempotency-Key remembers it.</summary>
    public static UserPushState Created(UserPushState s, ChallengeState challenge, string? idempotencyKey, string requestHash, DateTimeOffset now)
    {
        var idempotency = idempotencyKey is null ? s.Idempotency
            : [.. s.Idempotency.TakeLast(MaxIdempotencyEntries - 1), new IdempotencyEntry(idempotencyKey, challenge.ChallengeId, requestHash, now)];
        return s with
        {
            RecentPushes = challenge.IsPending ? [.. s.RecentPushes, now] : s.RecentPushes,
            Idempotency = idempotency,
        };
    }

    /// <summary>Applies a resolution: clears it from outstanding, counts denials, blocks after a fraud report or
    /// <paramref name="denialsBeforeBlock"/> denials in a row, and learns approval locations.</summary>
    public static (UserPushState State, bool NewlyBlocked) Resolved(UserPushState s, ChallengeResolution r, TimeSpan coolOff, int denialsBeforeBlock, DateTimeOffset now)
    {
        if (r.Status == ChallengeStatus.Approved && !r.AutoApproved)
        {
            var network = Network(r.SourceIp);
            var history = new Dictionary<string, int>(s.ApprovalHistory);
            IReadOnlyList<ApprovedChallenge> approvals = s.RecentApprovals;
            if (network is not null && r.DeviceId is not null)
            {
                var key = HistoryKey(r.Service, r.Action, network);
                history[key] = history.GetValueOrDefault(key) + 1;
                if (history.Count > MaxHistoryEntries)
                {
                    history.Remove(history.MinBy(h => h.Value).Key);
                }
                approvals = [.. s.RecentApprovals.TakeLast(MaxRecentApprovals - 1), new ApprovedChallenge(r.ChallengeId, r.DeviceId, r.Service, r.Action, network, r.ResolvedAt)];
            }
            return (s with { ConsecutiveDenials = 0, LastApprovalAt = r.ResolvedAt, ApprovalHistory = history, RecentApprovals = approvals }, false);
        }
        if (r.Status != ChallengeStatus.Denied)
        {
            return (s, false);
        }
        var denials = s.ConsecutiveDenials + 1;
        var alreadyBlocked = s.BlockedUntil > now;
        if (r.DenyReason == DenyReason.Fraud)
        {
            return (s with { ConsecutiveDenials = denials, BlockedUntil = now + coolOff, BlockReason = "fraud-report" }, !alreadyBlocked);
        }
        if (denials >= denialsBeforeBlock)
        {
            return (s with { ConsecutiveDenials = denials, BlockedUntil = now + coolOff, BlockReason = "repeated-denials" }, !alreadyBlocked);
        }
        return (s with { ConsecutiveDenials = denials }, false);
    }

    /// <summary>The rule matching this request's own source network, service and action, if any.</summary>
    public static AutoApproveRule? MatchingRule(UserPushState s, ChallengeContext context)
    {
        var network = Network(context.SourceIp);
        return network is null ? null
            : s.Rules.FirstOrDefault(r => r.Network == network && r.Service == context.Service && r.Action == context.Action);
    }

    /// <summary>The network a source address belongs to: IPv4 /24, IPv6 /48; null when not an address.</summary>
    public static string? Network(string? sourceIp)
    {
        if (sourceIp is null || !IPAddress.TryParse(sourceIp, out var address))
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[3] = 0;
            return $"{new IPAddress(bytes)}/24";
        }
        Array.Clear(bytes, 6, 10);
        return $"{new IPAddress(bytes)}/48";
    }

    /// <summary>Length-prefixed, so no service or action text can collide with another pair.</summary>
    public static string HistoryKey(string service, string action, string network) => $"{service.Length}:{service}|{action.Length}:{action}|{network}";
}
