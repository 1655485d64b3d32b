using PushAuth.Diagnostics;
using PushAuth.Domain.Users;
using PushAuth.Grains.Audit;
using PushAuth.Security;
using PushAuth.History;

namespace PushAuth.Grains.Users;

/// <summary>
/// TOTP attempts that write nothing: an unknown user (or one without TOTP) and a throttled or locked user. They are
/// counted in the silo's <see cref="AttemptLedger"/> and reported as one aggregated history event per window, never a
/// write each. An unknown user gets the answers a known user with wrong codes gets, throttle and Retry-After included
/// (the schedule runs in this activation's memory), and about the time: the wrong-code path of a known user saves a
/// write, so the unknown path waits the silo's recent average of that write (<see cref="WrongCodeLatency"/>; a timer, no work and no I/O).
/// </summary>
internal partial class UserGrain
{
    /// <summary>The throttle an unknown user would have, in memory only: the same answers as a known user's, no writes.</summary>
    private UserState _phantomThrottle = new();

    private async Task<TotpVerification> VerifyUnknownTotpAsync(string tenantId, string code, int window, RequestOrigin origin, DateTimeOffset now)
    {
        // Spend a verification's worth of work, like a wrong code would.
        new TotpVerifier(TotpParameters.Default, window).Verify(stackalloc byte[20], code, now);
        var p = _phantomThrottle;
        audit.Count(tenantId, null, HistoryActivities.TotpVerify, "totp", "unknown-user", origin);
        if (p.TotpLocked || (p.TotpThrottledUntil is { } until && until > now))
        {
            PushAuthDiagnostics.RecordTotpVerification(p.TotpLocked ? PushAuthDiagnostics.VerificationResults.Locked : PushAuthDiagnostics.VerificationResults.Rejected);
            return new TotpVerification(false, null, p.TotpLocked ? null : p.TotpThrottledUntil - now);
        }
        _phantomThrottle = TotpThrottle.Failed(p, now);
        // The latency of the write a known user's wrong code costs, on the system clock: a pad, not domain time.
        await Task.Delay(wrongCodeLatency.Pad, TimeProvider.System);
        PushAuthDiagnostics.RecordTotpVerification(PushAuthDiagnostics.VerificationResults.Rejected);
        return new TotpVerification(false, null, _phantomThrottle.TotpThrottledUntil is { } next ? next - now : null);
    }

    /// <summary>A throttled or locked user's attempt: refused without a write, counted for the aggregated event.</summary>
    private void CountRefusedTotp(UserState s, string status, RequestOrigin origin) =>
        audit.Count(s.TenantId!, s.UserId, HistoryActivities.TotpVerify, "totp", status, origin);
}
