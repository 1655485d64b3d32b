using System.Globalization;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Recovery;
using PushAuth.History;

namespace PushAuth.Domain.Users;

/// <summary>Admin recovery: temporary codes and the verified contact notices go to. The grain derives keys and hashes
/// codes; what issuing, using or expiring one does to the user is decided here.</summary>
public sealed partial class UserDecider
{
    /// <summary>Refuses a validity out of bounds or a seventh code within an hour.</summary>
    public void EnsureMayIssueTemporaryCode(UserState s, TimeSpan validity)
    {
        var now = time.GetUtcNow();
        TemporaryCodePolicy.EnsureMayIssue(TemporaryCodePolicy.Prune(s.Recovery, now), validity, now);
    }

    /// <summary>A code the grain made (only its keyed hash) becomes the one active code, replacing any other; the user
    /// hears of it (webhook and notice).</summary>
    public UserDecision TemporaryCodeIssued(UserState s, TenantSettings settings, TemporaryCode issued, RequestOrigin origin, string? traceContext)
    {
        var now = time.GetUtcNow();
        var recovery = TemporaryCodePolicy.Prune(s.Recovery, now);
        var replaced = recovery.ActiveCode?.CodeId;
        var data = new Dictionary<string, string>
        {
            ["codeId"] = issued.CodeId,
            ["expiresAt"] = issued.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
            ["issuedBy"] = issued.IssuedBy,
            ["reusable"] = issued.Reusable ? "true" : "false",
        };
        if (issued.LoginServiceKeyId is { } keyId)
        {
            data["loginServiceKeyId"] = keyId;
        }
        var remarks = $"code={issued.CodeId}; validUntil={issued.ExpiresAt:O}; reusable={issued.Reusable}"
            + (issued.LoginServiceKeyId is { } k ? $"; loginService={k}" : "") + (replaced is null ? "" : $"; replaced={replaced}");
        return UserDecision.Of(s with
        {
            Recovery = TemporaryCodePolicy.Issued(recovery, issued, now),
            Owed = s.Owed.Plus(History(s, HistoryActivities.TemporaryCodeIssued, "temporary-code", issued.IssuedBy, "issued", origin, remarks))
                .Plus(UserEvent(s, settings, UserNoticeKinds.TemporaryCodeIssued, data, now, traceContext)),
        });
    }

    /// <summary>An admin expires the active code; with none active, nothing is written and the event to count is returned.</summary>
    public (UserDecision? Decision, HistoryEvent? NoneActive) ExpireTemporaryCodes(UserState s, string actor, RequestOrigin origin)
    {
        var recovery = TemporaryCodePolicy.Prune(s.Recovery, time.GetUtcNow());
        if (recovery.ActiveCode is not { } active)
        {
            return (null, Event(s, HistoryActivities.TemporaryCodeExpiredAll, "temporary-code", actor, "none-active", origin));
        }
        return (UserDecision.Of(s with
        {
            Recovery = recovery with { ActiveCode = null },
            Owed = s.Owed.Plus(History(s, HistoryActivities.TemporaryCodeExpiredAll, "temporary-code", actor, "expired", origin, $"code={active.CodeId}")),
        }), null);
    }

    /// <summary>The active code was given: gone when one-time, remembered as used when reusable; failures reset.</summary>
    public UserDecision TemporaryCodeAccepted(UserState s, TemporaryCode active, string loginServiceKeyId, RequestOrigin origin)
    {
        var now = time.GetUtcNow();
        return UserDecision.Of(s with
        {
            Recovery = TemporaryCodePolicy.Used(TemporaryCodePolicy.Prune(s.Recovery, now), now),
            TotpFailures = 0,
            TotpThrottledUntil = null,
            Owed = s.Owed.Plus(History(s, HistoryActivities.TemporaryCodeVerify, "temporary-code", "login-service", "accepted", origin,
                $"code={active.CodeId}; loginService={loginServiceKeyId}; reusable={active.Reusable}")),
        });
    }

    /// <summary>A wrong temporary code (and no TOTP to try it on): one more failure on the shared throttle.</summary>
    public UserDecision TemporaryCodeRejected(UserState s, string loginServiceKeyId, RequestOrigin origin)
    {
        var failed = TotpThrottle.Failed(s, time.GetUtcNow());
        return UserDecision.Of(failed with
        {
            Owed = s.Owed.Plus(History(s, HistoryActivities.TemporaryCodeVerify, "temporary-code", "login-service", "rejected", origin,
                $"loginService={loginServiceKeyId}; consecutiveFailures={failed.TotpFailures}")),
        });
    }

    /// <summary>The verified contact the user's notices go to: <paramref name="contactKey"/>, or none when
    /// <paramref name="unlinking"/> is still the one; null when nothing changes (notices arrive at least once, in any order).</summary>
    public static UserDecision? NoticeContact(UserState s, string? contactKey, string? unlinking)
    {
        var current = s.Recovery.NoticeContactKey;
        var next = contactKey ?? (current == unlinking ? null : current);
        return !s.Exists || next == current ? null : UserDecision.Of(s with { Recovery = s.Recovery with { NoticeContactKey = next } });
    }
}
