using System.Security.Cryptography;
using PushAuth.Diagnostics;
using PushAuth.Domain.Challenges;
using PushAuth.Domain.Effects;
using PushAuth.Domain.Users;
using PushAuth.Security;
using PushAuth.History;

namespace PushAuth.Grains.Users;

/// <summary>Verification methods: paired devices and TOTP credentials.</summary>
internal partial class UserGrain
{
    public async Task<string> AddDeviceAsync(string tenantId, string userId, string deviceId, string displayName, string pairingMethod, RequestOrigin origin,
        DateTimeOffset? pairingBoundAt = null, CancellationToken cancellationToken = default)
    {
        var (decision, method) = _decider.AddDevice(Owned(tenantId, userId), deviceId, displayName, pairingMethod, origin, pairingBoundAt);
        if (decision is null)
        {
            return method.MethodId;
        }
        await SaveAsync(decision, cancellationToken);
        await IndexAsync(method.CreatedAt, cancellationToken);
        return method.MethodId;
    }

    public Task<PreCheck> PreCheckAsync(string tenantId, string loginServiceKeyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(PreCheckPolicy.Of(Persisted.State, Owns(tenantId), loginServiceKeyId, time.GetUtcNow()));

    public Task<IReadOnlyList<VerificationMethod>> ListMethodsAsync(string tenantId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<VerificationMethod>>(Owns(tenantId) ? Methods(Persisted.State) : []);

    public async Task<VerificationMethod?> DisconnectAsync(string tenantId, string methodId, string actor, string reason, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (!Owns(tenantId) || Methods(Persisted.State).FirstOrDefault(m => m.MethodId == methodId) is not { } method)
        {
            return null;
        }
        await SaveAsync(_decider.Disconnect(Persisted.State, method, actor, reason, origin, tellDevice: true, Key), cancellationToken);
        return method;
    }

    public async Task RemoveDeviceAsync(string deviceId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var s = Persisted.State;
        if (s.Devices.FirstOrDefault(d => d.DeviceId == deviceId) is not { } device)
        {
            return;
        }
        var method = Methods(s).First(m => m.MethodId == device.MethodId);
        await SaveAsync(_decider.Disconnect(s, method, actor, "device-deregistered", origin, tellDevice: false, Key), cancellationToken);
    }

    public async Task<TotpEnrollment> EnrollTotpAsync(string tenantId, string userId, string? deviceId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        // The issuer the authenticator shows is the tenant's name.
        var issuer = (await tenants.GetAsync(tenantId, cancellationToken))?.DisplayName ?? tenantId;
        UserDecider.EnsureMayEnrollTotp(Owned(tenantId, userId));
        var methodId = NewId("totp_");
        var secret = RandomNumberGenerator.GetBytes(20); // 160 bits, RFC 4226's recommendation
        try
        {
            var parameters = TotpParameters.Default;
            // Everything that can fail is built before the write, so a failure never leaves a credential nobody holds.
            var uri = new OtpAuthUri(issuer, userId, secret, parameters).ToString();
            var enrollment = new TotpEnrollment(methodId, uri, Base32.Encode(secret), "SHA1", parameters.Digits, parameters.Period);
            var protector = await keys.TotpProtectorAsync(cancellationToken);
            var method = new TotpMethod(methodId, deviceId, protector.Protect(secret, AssociatedData(methodId)), parameters.Algorithm, parameters.Digits, parameters.Period,
                time.GetUtcNow(), null, null);
            await SaveAsync(_decider.TotpEnrolled(Owned(tenantId, userId), method, origin), cancellationToken);
            await IndexAsync(method.CreatedAt, cancellationToken);
            return enrollment;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    public async Task ClearTotpLockAsync(string tenantId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        if (_decider.ClearTotpLock(Persisted.State, tenantId, actor, origin) is { } decision)
        {
            await SaveAsync(decision, cancellationToken);
        }
    }

    public async Task<TotpVerification> VerifyTotpAsync(string tenantId, string code, RequestOrigin origin, CancellationToken cancellationToken = default) =>
        await VerifyTotpAsync(tenantId, code, await TotpWindowAsync(tenantId, cancellationToken), origin, cancellationToken);

    /// <summary>The steps either side of now a code may come from: the tenant's setting, never the caller's.</summary>
    private async Task<int> TotpWindowAsync(string tenantId, CancellationToken cancellationToken) => (await tenants.GetAsync(tenantId, cancellationToken))?.TotpWindow ?? 1;

    private async Task<TotpVerification> VerifyTotpAsync(string tenantId, string code, int window, RequestOrigin origin, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var s = Persisted.State;
        if (!Owns(tenantId) || s.Totp.Count == 0)
        {
            // Unknown user or no TOTP: the answers of a wrong code, without a write (UserGrain.Probes.cs).
            return await VerifyUnknownTotpAsync(tenantId, code, window, origin, now);
        }
        if (s.TotpLocked)
        {
            CountRefusedTotp(s, "locked", origin);
            PushAuthDiagnostics.RecordTotpVerification(PushAuthDiagnostics.VerificationResults.Locked);
            return new TotpVerification(false, null);
        }
        if (s.TotpThrottledUntil is { } until && until > now)
        {
            CountRefusedTotp(s, "throttled", origin);
            PushAuthDiagnostics.RecordTotpVerification(PushAuthDiagnostics.VerificationResults.Rejected);
            return new TotpVerification(false, null, until - now);
        }
        var protector = await keys.TotpProtectorAsync(cancellationToken);
        s = Persisted.State;
        var replayed = false;
        var reprotected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var method in s.Totp)
        {
            // One unreadable credential (a key no longer configured) fails alone, never the user's other credentials.
            if (TryUnprotect(protector, method) is not { } secret)
            {
                continue;
            }
            try
            {
                if (protector.NeedsReprotection(method.ProtectedSecret))
                {
                    // Re-encrypted under the active key in the write this check makes anyway.
                    reprotected[method.MethodId] = protector.Protect(secret, AssociatedData(method.MethodId));
                }
                var verifier = new TotpVerifier(new TotpParameters(method.Algorithm, method.Digits, method.Period), window);
                if (verifier.Verify(secret, code, now, method.LastAcceptedStep) is { } step)
                {
                    // One activation decides and the ETag write records the step: a code is accepted once, across silos.
                    await SaveAsync(_decider.TotpAccepted(s, method, step, reprotected, origin), cancellationToken);
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
        var (failed, outcome) = _decider.TotpFailed(s, replayed, reprotected, origin);
        var writeStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        await SaveAsync(failed, cancellationToken);
        wrongCodeLatency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(writeStarted));
        PushAuthDiagnostics.RecordTotpVerification(outcome);
        return new TotpVerification(false, null, failed.State.TotpThrottledUntil is { } next ? next - now : null);
    }

    /// <summary>Lists the user in the tenant's user index (the console's user list). Every new method does it, not only
    /// the first: the add is idempotent, so a write lost to a crash between the save and here heals with the next method.</summary>
    private Task IndexAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        userIndex.AddAsync(Persisted.State.TenantId!, Persisted.State.UserId!, at, cancellationToken);

    private static List<VerificationMethod> Methods(UserState s) => UserDecider.Methods(s);

    private string AssociatedData(string methodId) => $"totp|{Key}|{methodId}";

    private static string NewId(string prefix) => prefix + EffectIds.New();
}
