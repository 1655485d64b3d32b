using PushAuth.Domain.Effects;
using PushAuth.History;

namespace PushAuth.Domain.Users;

/// <summary>Verification methods: paired devices and TOTP credentials. The grain does the cryptography (seeds, codes);
/// what a result does to the user is decided here.</summary>
public sealed partial class UserDecider
{
    public const int MaxDevices = 10;
    public const int MaxTotp = 10;

    /// <summary>A paired device becomes a push method and ends a push revocation; pairing the same device again changes
    /// nothing (null decision, its method). A pairing started before the user's methods were revoked is refused.</summary>
    public (UserDecision? Decision, DeviceMethod Method) AddDevice(UserState s, string deviceId, string displayName, string pairingMethod, RequestOrigin origin,
        DateTimeOffset? pairingBoundAt)
    {
        if (s.Recovery.PushRevokedAt is { } revokedAt && pairingBoundAt < revokedAt)
        {
            throw ProblemCodes.Pairing.Revoked.Error("This pairing was started before the user's methods were revoked; start a new pairing.");
        }
        if (s.Devices.FirstOrDefault(d => d.DeviceId == deviceId) is { } existing)
        {
            return (null, existing);
        }
        if (s.Devices.Count >= MaxDevices)
        {
            throw ProblemCodes.Users.TooManyDevices.Error($"A user can pair at most {MaxDevices} devices; disconnect one first.");
        }
        var method = new DeviceMethod("push_" + EffectIds.New(), deviceId, displayName, pairingMethod, time.GetUtcNow(), null);
        return (UserDecision.Of(s with
        {
            Devices = [.. s.Devices, method],
            // A new pairing ends the push revocation of a lost or stolen device.
            Recovery = s.Recovery with { PushRevokedAt = null },
            Owed = s.Owed.Plus(History(s, HistoryActivities.MethodPaired, "push", deviceId, "paired", origin, $"method={method.MethodId}; via={pairingMethod}", deviceId)),
        }), method);
    }

    /// <summary>Refuses a TOTP enrolment beyond <see cref="MaxTotp"/> credentials (checked before a seed is made).</summary>
    public static void EnsureMayEnrollTotp(UserState s)
    {
        if (s.Totp.Count >= MaxTotp)
        {
            throw ProblemCodes.Users.TooManyTotp.Error($"A user can have at most {MaxTotp} TOTP credentials; disconnect one first.");
        }
    }

    /// <summary>A TOTP credential the grain made (seed encrypted) joins the user's methods.</summary>
    public UserDecision TotpEnrolled(UserState s, TotpMethod method, RequestOrigin origin) => UserDecision.Of(s with
    {
        Totp = [.. s.Totp, method],
        Owed = s.Owed.Plus(History(s, HistoryActivities.MethodTotpEnrolled, "totp", "login-service", "enrolled", origin, $"method={method.MethodId}", method.DeviceId)),
    });

    /// <summary>An admin clears the TOTP throttle and lock; null when there is nothing to clear.</summary>
    public UserDecision? ClearTotpLock(UserState s, string tenantId, string actor, RequestOrigin origin) =>
        s.TenantId != tenantId || (s.TotpFailures == 0 && !s.TotpLocked && s.TotpThrottledUntil is null) ? null : UserDecision.Of(s with
        {
            TotpFailures = 0,
            TotpLocked = false,
            TotpThrottledUntil = null,
            Owed = s.Owed.Plus(History(s, HistoryActivities.TotpLockCleared, "totp", actor, "cleared", origin, $"consecutiveFailures={s.TotpFailures}; wasLocked={s.TotpLocked}")),
        });

    /// <summary>A code one credential accepted at <paramref name="step"/>: the step is recorded, so the code is accepted once
    /// (the ETag write makes it hold across silos), and failures reset. Seeds re-encrypted under the active key
    /// (<paramref name="reprotected"/>, by method id) ride in the same write.</summary>
    public UserDecision TotpAccepted(UserState s, TotpMethod method, long step, IReadOnlyDictionary<string, string> reprotected, RequestOrigin origin)
    {
        var now = time.GetUtcNow();
        return UserDecision.Of(s with
        {
            Totp = [.. WithReprotected(s.Totp, reprotected).Select(t => t.MethodId == method.MethodId ? t with { LastAcceptedStep = step, LastUsedAt = now } : t)],
            TotpFailures = 0,
            TotpThrottledUntil = null,
            Owed = s.Owed.Plus(History(s, HistoryActivities.TotpVerify, "totp", "login-service", "accepted", origin, $"method={method.MethodId}", method.DeviceId)),
        });
    }

    /// <summary>A code no credential accepted: one more failure on the throttle (a delay, then a lock), recorded as
    /// <c>replayed</c> (a code already used), <c>locked</c> or <c>rejected</c>, the outcome returned with it.</summary>
    public (UserDecision Decision, string Outcome) TotpFailed(UserState s, bool replayed, IReadOnlyDictionary<string, string> reprotected, RequestOrigin origin)
    {
        var failed = TotpThrottle.Failed(s, time.GetUtcNow());
        var outcome = replayed ? "replayed" : failed.TotpLocked ? "locked" : "rejected";
        return (UserDecision.Of(failed with
        {
            Totp = WithReprotected(s.Totp, reprotected),
            Owed = s.Owed.Plus(History(s, HistoryActivities.TotpVerify, "totp", "login-service", outcome, origin, $"consecutiveFailures={failed.TotpFailures}")),
        }), outcome);
    }

    private static IReadOnlyList<TotpMethod> WithReprotected(IReadOnlyList<TotpMethod> methods, IReadOnlyDictionary<string, string> reprotected) =>
        reprotected.Count == 0 ? methods
            : [.. methods.Select(t => reprotected.TryGetValue(t.MethodId, out var again) ? t with { ProtectedSecret = again } : t)];
}
