using System.Buffers.Text;
using System.Security.Cryptography;
using PushAuth.Abstractions;
using PushAuth.Diagnostics;
using PushAuth.Grains.Security;
using PushAuth.Hosting;
using PushAuth.Hosting.Storage;
using PushAuth.Security;

namespace PushAuth.Grains.Users;

/// <summary>A user's verification methods: paired devices and TOTP credentials.</summary>
public sealed class UserGrain(IGrainContext context, IPersistentState<UserState> state, KeyMaterial keys, IGrainStorage storage, TimeProvider time) : IUserGrain
{
    private const int MaxDevices = 10;
    private const int MaxTotp = 10;

    private (string TenantId, string UserId) Key => GrainKeys.ParseUser(context.GrainId.Key);

    public Task<IReadOnlyList<PushTarget>> GetPushTargetsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PushTarget>>([.. state.State.Devices.Select(d => new PushTarget(d.DeviceId, d.MethodId, d.DisplayName))]);

    public Task<bool> IsDevicePairedAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Devices.Any(d => d.DeviceId == deviceId));

    public async Task<string> AddDeviceAsync(string deviceId, string displayName, string pairingMethod, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (state.State.Devices.FirstOrDefault(d => d.DeviceId == deviceId) is { } existing)
        {
            return existing.MethodId;
        }
        if (state.State.Devices.Count >= MaxDevices)
        {
            throw PushAuthException.Conflict("user.too-many-devices", $"A user can pair at most {MaxDevices} devices; disconnect one first.");
        }
        var now = time.GetUtcNow();
        var method = new DeviceMethod(NewId("push_"), deviceId, displayName, pairingMethod, now, null);
        state.State = state.State with { Devices = [.. state.State.Devices, method] };
        state.StageAudit(Audit("method.paired", "push", deviceId, "paired", origin, $"method={method.MethodId}; via={pairingMethod}; device={deviceId}"));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return method.MethodId;
    }

    public Task<IReadOnlyList<VerificationMethod>> ListMethodsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<VerificationMethod>>([
            .. state.State.Devices.Select(d => new VerificationMethod(d.MethodId, "push", d.DisplayName, d.DeviceId, d.CreatedAt, d.LastUsedAt)),
            .. state.State.Totp.Select(t => new VerificationMethod(t.MethodId, "totp", t.DeviceId is null ? "Authenticator code" : "Authenticator code on " + t.DeviceId, t.DeviceId, t.CreatedAt, t.LastUsedAt)),
        ]);

    public async Task<VerificationMethod?> DisconnectAsync(string methodId, string actor, string reason, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var method = (await ListMethodsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(m => m.MethodId == methodId);
        if (method is null)
        {
            return null;
        }
        state.State = state.State with
        {
            Devices = [.. state.State.Devices.Where(d => d.MethodId != methodId)],
            Totp = [.. state.State.Totp.Where(t => t.MethodId != methodId)],
        };
        state.StageAudit(Audit("method.disconnected", method.Kind, actor, "disconnected", origin, $"method={methodId}; reason={reason}"));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        return method;
    }

    public async Task<VerificationMethod?> RemoveDeviceAsync(string deviceId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var method = state.State.Devices.FirstOrDefault(d => d.DeviceId == deviceId);
        return method is null ? null : await DisconnectAsync(method.MethodId, actor, "device-deregistered", origin, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TotpEnrollment> EnrollTotpAsync(string issuer, string? deviceId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (state.State.Totp.Count >= MaxTotp)
        {
            throw PushAuthException.Conflict("user.too-many-totp", $"A user can have at most {MaxTotp} TOTP credentials; disconnect one first.");
        }
        var (_, userId) = Key;
        var methodId = NewId("totp_");
        var secret = RandomNumberGenerator.GetBytes(20); // 160 bits, RFC 4226's recommendation
        var protector = await keys.TotpProtectorAsync(cancellationToken).ConfigureAwait(false);
        var parameters = TotpParameters.Default;
        var method = new TotpMethod(methodId, deviceId, protector.Protect(secret, AssociatedData(methodId)), parameters.Algorithm, parameters.Digits, parameters.Period,
            time.GetUtcNow(), null, null);
        state.State = state.State with { Totp = [.. state.State.Totp, method] };
        state.StageAudit(Audit("method.totp-enrolled", "totp", "login-service", "enrolled", origin, $"method={methodId}"));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        var uri = new OtpAuthUri(issuer, userId, secret, parameters).ToString();
        var enrollment = new TotpEnrollment(methodId, uri, Base32.Encode(secret), "SHA1", parameters.Digits, parameters.Period);
        CryptographicOperations.ZeroMemory(secret);
        return enrollment;
    }

    public async Task ClearTotpLockAsync(string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var s = state.State;
        if (s.TotpFailures == 0 && !s.TotpLocked && s.TotpThrottledUntil is null)
        {
            return;
        }
        state.State = s with { TotpFailures = 0, TotpLocked = false, TotpThrottledUntil = null };
        state.StageAudit(Audit("totp.lock-cleared", "totp", actor, "cleared", origin, $"consecutiveFailures={s.TotpFailures}; wasLocked={s.TotpLocked}"));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<TotpVerification> VerifyTotpAsync(string code, int window, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var s = state.State;
        if (s.Totp.Count == 0)
        {
            // Unknown user or no TOTP: spend a verification's worth of work and answer like a wrong code.
            new TotpVerifier(TotpParameters.Default, window).Verify(stackalloc byte[20], code, now);
            await storage.AppendAuditAsync([Audit("totp.verify", "totp", "login-service", "rejected", origin, "no credential")], cancellationToken).ConfigureAwait(false);
            PushAuthDiagnostics.RecordTotpVerification(PushAuthDiagnostics.VerificationResults.Rejected);
            return new TotpVerification(false, null);
        }
        if (s.TotpLocked)
        {
            await storage.AppendAuditAsync([Audit("totp.verify", "totp", "login-service", "locked", origin, null)], cancellationToken).ConfigureAwait(false);
            PushAuthDiagnostics.RecordTotpVerification(PushAuthDiagnostics.VerificationResults.Locked);
            return new TotpVerification(false, null);
        }
        if (s.TotpThrottledUntil is { } until && until > now)
        {
            PushAuthDiagnostics.RecordTotpVerification(PushAuthDiagnostics.VerificationResults.Rejected);
            return new TotpVerification(false, null, until - now);
        }
        var protector = await keys.TotpProtectorAsync(cancellationToken).ConfigureAwait(false);
        var replayed = false;
        foreach (var method in s.Totp)
        {
            var secret = protector.Unprotect(method.ProtectedSecret, AssociatedData(method.MethodId));
            try
            {
                var verifier = new TotpVerifier(new TotpParameters(method.Algorithm, method.Digits, method.Period), window);
                if (verifier.Verify(secret, code, now, method.LastAcceptedStep) is { } step)
                {
                    // The ETag write makes "accepted once" atomic: a concurrent check of the same code loses the race,
                    // re-runs on fresh state, and sees the step as used.
                    state.State = s with
                    {
                        Totp = [.. s.Totp.Select(t => t.MethodId == method.MethodId ? t with { LastAcceptedStep = step, LastUsedAt = now } : t)],
                        TotpFailures = 0,
                        TotpThrottledUntil = null,
                    };
                    state.StageAudit(Audit("totp.verify", "totp", "login-service", "accepted", origin, $"method={method.MethodId}"));
                    await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
                    PushAuthDiagnostics.RecordTotpVerification(PushAuthDiagnostics.VerificationResults.Accepted);
                    return new TotpVerification(true, method.MethodId);
                }
                replayed |= method.LastAcceptedStep is not null && verifier.Verify(secret, code, now) is not null;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
        var failed = TotpThrottle.Failed(s, now);
        state.State = failed;
        var outcome = replayed ? PushAuthDiagnostics.VerificationResults.Replayed : failed.TotpLocked ? PushAuthDiagnostics.VerificationResults.Locked : PushAuthDiagnostics.VerificationResults.Rejected;
        state.StageAudit(Audit("totp.verify", "totp", "login-service", outcome, origin, $"consecutiveFailures={failed.TotpFailures}"));
        await state.WriteStateAsync(cancellationToken).ConfigureAwait(false);
        PushAuthDiagnostics.RecordTotpVerification(outcome);
        return new TotpVerification(false, null, failed.TotpThrottledUntil is { } next ? next - now : null);
    }

    private string AssociatedData(string methodId) => $"totp|{context.GrainId.Key}|{methodId}";

    private AuditEntry Audit(string action, string method, string actor, string outcome, RequestOrigin origin, string? details)
    {
        var (tenantId, userId) = Key;
        return new AuditEntry(time.GetUtcNow(), tenantId, userId, actor, action, method, outcome, origin.SourceIp, origin.UserAgent, origin.TraceId, details);
    }

    private static string NewId(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
}
