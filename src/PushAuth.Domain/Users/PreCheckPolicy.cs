using PushAuth.Domain.Challenges;
using PushAuth.Domain.Recovery;

namespace PushAuth.Domain.Users;

/// <summary>Which verification methods a user can use now, for the login page's pre-check. Pure.</summary>
public static class PreCheckPolicy
{
    private static readonly PreCheck NotEnrolled = new(false, "enroll", new PreCheckPush(false, [], false, null, null, null),
        new PreCheckTotp(false, 0, false, null), new PreCheckTemporaryCode(false, null));

    /// <param name="loginServiceKeyId">The caller's key id: a temporary code limited to another login service is not usable by it.</param>
    public static PreCheck Of(UserState s, bool ownedByTenant, string loginServiceKeyId, DateTimeOffset now)
    {
        if (!s.Exists || !ownedByTenant)
        {
            return NotEnrolled;
        }
        var push = UserPushPolicy.Prune(s.Push, now);
        var recovery = TemporaryCodePolicy.Prune(s.Recovery, now);
        var blocked = push.BlockedUntil is not null;
        var pushUsable = s.Devices.Count > 0 && !blocked && recovery.PushRevokedAt is null;
        var totpUsable = s.Totp.Count > 0 && !s.TotpLocked;
        var code = recovery.ActiveCode is { } c && (c.LoginServiceKeyId is null || c.LoginServiceKeyId == loginServiceKeyId) ? c : null;
        var enrolled = s.Devices.Count > 0 || s.Totp.Count > 0;
        var recommended = pushUsable ? "push" : totpUsable ? "totp" : code is not null ? "temporary-code" : enrolled ? "none" : "enroll";
        return new PreCheck(enrolled, recommended,
            new PreCheckPush(pushUsable, [.. s.Devices.Select(d => new PreCheckDevice(d.MethodId, d.DeviceId, d.DisplayName, d.LastUsedAt))],
                blocked, push.BlockReason, push.BlockedUntil, recovery.PushRevokedAt),
            new PreCheckTotp(totpUsable, s.Totp.Count, s.TotpLocked, s.TotpThrottledUntil > now ? s.TotpThrottledUntil : null),
            new PreCheckTemporaryCode(code is not null, code?.ExpiresAt));
    }
}
