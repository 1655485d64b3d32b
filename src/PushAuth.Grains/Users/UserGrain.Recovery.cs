using System.Diagnostics;
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
        EnsureKnownUser(tenantId);
        _decider.EnsureMayIssueTemporaryCode(Persisted.State, request.Validity);
        var settings = await tenants.GetAsync(tenantId, cancellationToken) ?? throw ProblemCodes.Tenants.NotFound.Error("The tenant does not exist.");
        var baseKey = await TemporaryCodeKeyAsync(cancellationToken);
        var now = time.GetUtcNow();
        var code = SecretHasher.GenerateNumericCode(TemporaryCodePolicy.Digits);
        var codeId = NewId("tc_");
        var salt = RandomNumberGenerator.GetBytes(16);
        var issued = new TemporaryCode(codeId, Convert.ToBase64String(salt), SecretHasher.HashTemporaryCode(CodeKey(baseKey, salt, codeId), code), now,
            now + request.Validity, actor, settings.RecoveryOrDefault().TemporaryCodesReusable, request.LoginServiceKeyId, null);
        var decision = _decider.TemporaryCodeIssued(Persisted.State, settings, issued, origin, TraceContextCarrier.Capture(Activity.Current));
        await SaveAsync(decision, cancellationToken);
        return new IssuedTemporaryCode(codeId, code, issued.ExpiresAt, issued.Reusable, issued.LoginServiceKeyId, decision.State.Recovery.CodesIssued.Count,
            // Read after the decision, which stamped the issue with its own (later) clock reading: never a reset past the window.
            TemporaryCodePolicy.Rate(decision.State.Recovery, time.GetUtcNow()));
    }

    public async Task<bool> ExpireTemporaryCodesAsync(string tenantId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        EnsureKnownUser(tenantId);
        var (decision, noneActive) = _decider.ExpireTemporaryCodes(Persisted.State, actor, origin);
        if (decision is null)
        {
            audit.Record(noneActive!);
            return false;
        }
        await SaveAsync(decision, cancellationToken);
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
            await SaveAsync(_decider.TemporaryCodeAccepted(s, active, loginServiceKeyId, origin), cancellationToken);
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
        var failed = _decider.TemporaryCodeRejected(s, loginServiceKeyId, origin).State;
        await SaveAsync(failed, cancellationToken);
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
