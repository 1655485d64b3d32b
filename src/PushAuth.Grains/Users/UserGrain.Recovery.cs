using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PushAuth.Diagnostics;
using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Recovery;
using PushAuth.Domain.Users;
using PushAuth.Security;
using PushAuth.History;

namespace PushAuth.Grains.Users;

/// <summary>Admin recovery: temporary codes, the recovery status, and "revoke all" for a lost or stolen device.</summary>
internal partial class UserGrain
{
    public async Task<IssuedTemporaryCode> IssueTemporaryCodeAsync(string tenantId, TemporaryCodeRequest request, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        EnsureKnownUser(tenantId);
        TemporaryCodePolicy.EnsureMayIssue(TemporaryCodePolicy.Prune(Persisted.State.Recovery, now), request.Validity, now);
        var settings = await tenants.GetAsync(tenantId, cancellationToken) ?? throw ProblemCodes.Tenants.NotFound.Error("The tenant does not exist.");
        var baseKey = await TemporaryCodeKeyAsync(cancellationToken);
        var s = Persisted.State;
        var recovery = TemporaryCodePolicy.Prune(s.Recovery, now);
        var code = SecretHasher.GenerateNumericCode(TemporaryCodePolicy.Digits);
        var codeId = NewId("tc_");
        var salt = RandomNumberGenerator.GetBytes(16);
        var issued = new TemporaryCode(codeId, Convert.ToBase64String(salt), SecretHasher.HashTemporaryCode(CodeKey(baseKey, salt, codeId), code), now,
            now + request.Validity, actor, settings.RecoveryOrDefault().TemporaryCodesReusable, request.LoginServiceKeyId, null);
        var replaced = recovery.ActiveCode?.CodeId;
        var data = new Dictionary<string, string>
        {
            ["codeId"] = codeId,
            ["expiresAt"] = issued.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
            ["issuedBy"] = actor,
            ["reusable"] = issued.Reusable ? "true" : "false",
        };
        if (request.LoginServiceKeyId is { } keyId)
        {
            data["loginServiceKeyId"] = keyId;
        }
        var remarks = $"code={codeId}; validUntil={issued.ExpiresAt:O}; reusable={issued.Reusable}"
            + (request.LoginServiceKeyId is { } k ? $"; loginService={k}" : "") + (replaced is null ? "" : $"; replaced={replaced}");
        recovery = TemporaryCodePolicy.Issued(recovery, issued, now);
        await SaveAsync(s with
        {
            Recovery = recovery,
            Owed = s.Owed.Plus(History(s, HistoryActivities.TemporaryCodeIssued, "temporary-code", actor, "issued", origin, remarks))
                .Plus(UserDecider.UserEvent(s, settings, UserNoticeKinds.TemporaryCodeIssued, data, now, TraceContextCarrier.Capture(Activity.Current))),
        }, cancellationToken);
        return new IssuedTemporaryCode(codeId, code, issued.ExpiresAt, issued.Reusable, issued.LoginServiceKeyId, recovery.CodesIssued.Count);
    }

    public async Task<bool> ExpireTemporaryCodesAsync(string tenantId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        EnsureKnownUser(tenantId);
        var s = Persisted.State;
        var recovery = TemporaryCodePolicy.Prune(s.Recovery, time.GetUtcNow());
        if (recovery.ActiveCode is not { } active)
        {
            audit.Record(_decider.Event(Persisted.State, HistoryActivities.TemporaryCodeExpiredAll, "temporary-code", actor, "none-active", origin));
            return false;
        }
        await SaveAsync(s with
        {
            Recovery = recovery with { ActiveCode = null },
            Owed = s.Owed.Plus(History(s, HistoryActivities.TemporaryCodeExpiredAll, "temporary-code", actor, "expired", origin, $"code={active.CodeId}")),
        }, cancellationToken);
        return true;
    }

    public async Task<CodeVerification> VerifyCodeAsync(string tenantId, string code, string loginServiceKeyId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var window = await TotpWindowAsync(tenantId, cancellationToken);
        var now = time.GetUtcNow();
        var s = Persisted.State;
        var active = Owns(tenantId) ? TemporaryCodePolicy.Prune(s.Recovery, now).ActiveCode : null;
        if (active is null || s.TotpLocked || s.TotpThrottledUntil > now)
        {
            // No temporary code (or throttled): exactly the TOTP check, with its throttle and its uniform answer.
            return Totp(await VerifyTotpAsync(tenantId, code, window, origin, cancellationToken));
        }
        // Every session key is tried, so a code issued before the key rotated stays good for its validity.
        var ring = await keys.SessionKeysAsync(cancellationToken);
        s = Persisted.State;
        var matches = ring.Keys.Any(k => SecretHasher.VerifyTemporaryCode(CodeKey(TemporaryCodeKey(k.Key), Convert.FromBase64String(active.Salt), active.CodeId), code, active.Hash))
            && (active.LoginServiceKeyId is null || active.LoginServiceKeyId == loginServiceKeyId);
        if (matches)
        {
            await SaveAsync(s with
            {
                Recovery = TemporaryCodePolicy.Used(TemporaryCodePolicy.Prune(s.Recovery, now), now),
                TotpFailures = 0,
                TotpThrottledUntil = null,
                Owed = s.Owed.Plus(History(s, HistoryActivities.TemporaryCodeVerify, "temporary-code", "login-service", "accepted", origin,
                    $"code={active.CodeId}; loginService={loginServiceKeyId}; reusable={active.Reusable}")),
            }, cancellationToken);
            PushAuthDiagnostics.RecordTempCodeVerification(PushAuthDiagnostics.VerificationResults.Accepted);
            return new CodeVerification(true, active.CodeId, "temporary-code");
        }
        if (s.Totp.Count > 0)
        {
            // Not the temporary code: perhaps a TOTP code. A failure there counts once, on the shared throttle.
            var totp = await VerifyTotpAsync(tenantId, code, window, origin, cancellationToken);
            if (!totp.Valid)
            {
                PushAuthDiagnostics.RecordTempCodeVerification(PushAuthDiagnostics.VerificationResults.Rejected);
            }
            return Totp(totp);
        }
        var failed = TotpThrottle.Failed(s, now);
        await SaveAsync(failed with
        {
            Owed = s.Owed.Plus(History(s, HistoryActivities.TemporaryCodeVerify, "temporary-code", "login-service", "rejected", origin,
                $"loginService={loginServiceKeyId}; consecutiveFailures={failed.TotpFailures}")),
        }, cancellationToken);
        PushAuthDiagnostics.RecordTempCodeVerification(failed.TotpLocked ? PushAuthDiagnostics.VerificationResults.Locked : PushAuthDiagnostics.VerificationResults.Rejected);
        return new CodeVerification(false, null, null, failed.TotpThrottledUntil is { } next ? next - now : null);
    }

    public Task<UserRecoveryView> GetRecoveryStatusAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var s = Owns(tenantId) ? Persisted.State : new UserState();
        var recovery = TemporaryCodePolicy.Prune(s.Recovery, now);
        var push = UserPushPolicy.Prune(s.Push, now);
        var code = recovery.ActiveCode is { } c ? new TemporaryCodeView(c.CodeId, c.IssuedAt, c.ExpiresAt, c.IssuedBy, c.Reusable, c.LoginServiceKeyId, c.LastUsedAt) : null;
        return Task.FromResult(new UserRecoveryView(s.Exists, Methods(s), code, recovery.CodesIssued.Count, recovery.PushRevokedAt,
            new PushBlockStatus(push.BlockedUntil is not null, push.BlockReason, push.BlockedUntil, push.ConsecutiveDenials, UserChallenges.Outstanding(s.Challenges, now))));
    }

    public async Task<RevocationResult?> RevokeAllAsync(string tenantId, string reason, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (!Persisted.State.Exists || !Owns(tenantId))
        {
            return null;
        }
        var settings = await tenants.GetAsync(tenantId, cancellationToken) ?? throw ProblemCodes.Tenants.NotFound.Error("The tenant does not exist.");
        var (decision, result) = _decider.RevokeAll(Persisted.State, settings, reason, actor, origin, Key, TraceContextCarrier.Capture(Activity.Current));
        await SaveAsync(decision, cancellationToken);
        return result;
    }

    private void EnsureKnownUser(string tenantId)
    {
        if (!Persisted.State.Exists || !Owns(tenantId))
        {
            throw ProblemCodes.Users.NotFound.Error("No such user in this tenant.");
        }
    }

    private static CodeVerification Totp(TotpVerification v) => new(v.Valid, v.MethodId, v.Valid ? "totp" : null, v.RetryAfter);

    /// <summary>The HMAC key of temporary codes, derived from the session key (configured outside the database in
    /// production): a copy of the database alone cannot test the 10^8 possible codes.</summary>
    private async Task<byte[]> TemporaryCodeKeyAsync(CancellationToken cancellationToken) => TemporaryCodeKey(await keys.SessionKeyAsync(cancellationToken));

    private static byte[] TemporaryCodeKey(byte[] sessionKey) => HKDF.DeriveKey(HashAlgorithmName.SHA256, sessionKey, 32, info: "pushauth/temporary-code"u8.ToArray());

    /// <summary>A per-code key: the salt and the binding to this user and code id make every stored hash unique.</summary>
    private byte[] CodeKey(byte[] baseKey, byte[] salt, string codeId) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, baseKey, 32, salt, Encoding.UTF8.GetBytes($"pushauth/temporary-code\n{Key}\n{codeId}"));
}
