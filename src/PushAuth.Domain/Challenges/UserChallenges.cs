using PushAuth.Domain.Effects;

namespace PushAuth.Domain.Challenges;

/// <summary>Rules over the list of a user's challenges. Pure.</summary>
public static class UserChallenges
{
    /// <summary>Resolved challenges kept beyond the grace period's count bound.</summary>
    public const int MaxResolvedKept = 20;

    /// <summary>The devices a new challenge goes to: every paired device, or only <paramref name="asked"/> when the login
    /// service names one (400 <c>deviceId.not-paired</c> when it is not one of the user's).</summary>
    public static IReadOnlyList<string> Targets(IReadOnlyList<Users.DeviceMethod> devices, string? asked) =>
        asked is null ? [.. devices.Select(d => d.DeviceId)]
        : devices.Any(d => d.DeviceId == asked) ? [asked]
        : throw ProblemCodes.Challenges.DeviceNotPairedWithUser.Error("'deviceId' is not one of this user's paired devices (see GET /v1/users/{userId}/pre-check or …/methods).");

    /// <summary>Challenges still pending as of <paramref name="now"/> (a challenge past its expiry no longer counts).</summary>
    public static int Outstanding(IReadOnlyList<ChallengeState> challenges, DateTimeOffset now) =>
        challenges.Count(c => ChallengeDecider.EffectiveStatus(c, now) == ChallengeStatus.Pending);

    /// <summary>Drops resolved challenges past the grace period, and all but the newest <see cref="MaxResolvedKept"/> resolved ones.</summary>
    public static IReadOnlyList<ChallengeState> Prune(IReadOnlyList<ChallengeState> challenges, DateTimeOffset now, TimeSpan grace)
    {
        var keptResolved = challenges.Where(c => !c.IsPending && now - (c.ResolvedAt ?? c.CreatedAt) < grace)
            .OrderByDescending(c => c.ResolvedAt ?? c.CreatedAt).Take(MaxResolvedKept).Select(c => c.ChallengeId).ToHashSet(StringComparer.Ordinal);
        return challenges.Count(c => c.IsPending || keptResolved.Contains(c.ChallengeId)) == challenges.Count
            ? challenges
            : [.. challenges.Where(c => c.IsPending || keptResolved.Contains(c.ChallengeId))];
    }

    /// <summary>Whether a challenge is still visible: pending, or resolved within the grace period.</summary>
    public static bool Visible(ChallengeState c, DateTimeOffset now, TimeSpan grace) => c.IsPending || now - (c.ResolvedAt ?? c.CreatedAt) < grace;

    /// <summary>Replaces one challenge in the list.</summary>
    public static IReadOnlyList<ChallengeState> Replace(IReadOnlyList<ChallengeState> challenges, ChallengeState updated) =>
        [.. challenges.Select(c => c.ChallengeId == updated.ChallengeId ? updated : c)];

    /// <summary>
    /// The one resolve path: each resolution replaces its challenge in the list, the pushes still owed for it are dropped
    /// (a phone must not be asked about a decided challenge), and it owes its resolution's history and webhook. Whoever
    /// resolves (an answer, a cancel, an expiry, a disconnect, a revocation), the same happens.
    /// </summary>
    public static (IReadOnlyList<ChallengeState> Challenges, OwedEffects Owed) Resolve(IReadOnlyList<ChallengeState> challenges, OwedEffects owed,
        IEnumerable<ChallengeState> resolutions, RequestOrigin origin, string actor, DateTimeOffset now)
    {
        foreach (var resolved in resolutions)
        {
            challenges = Replace(challenges, resolved);
            owed = owed.WithoutPushes(p => p.Request.ReferenceId == resolved.ChallengeId && p.Request.Kind == "challenge")
                .Plus(ChallengeEffects.Resolved(resolved, origin, actor, now));
        }
        return (challenges, owed);
    }

    /// <summary>The earliest expiry among pending challenges, for the expiry timer.</summary>
    public static DateTimeOffset? NextExpiry(IReadOnlyList<ChallengeState> challenges) =>
        challenges.Where(c => c.IsPending).Select(c => (DateTimeOffset?)c.ExpiresAt).Min();
}
