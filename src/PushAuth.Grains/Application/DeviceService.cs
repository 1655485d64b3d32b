using PushAuth.Domain.Effects;
using PushAuth.Grains.Audit;
using PushAuth.Grains.Devices;
using PushAuth.Grains.Limits;
using PushAuth.History;
using PushAuth.Security;

namespace PushAuth.Grains.Application;

/// <summary>Registration, sessions and deregistration of devices (<see cref="IDeviceService"/>).</summary>
internal sealed class DeviceService(
    IGrainFactory grains,
    DeviceSessions sessions,
    DeviceKeyCache deviceKeys,
    ActiveDeviceCache activeDevices,
    RegistrationRateLimiter registrations,
    AuditTrail audit,
    TimeProvider time) : IDeviceService
{
    public async Task<IssuedNonce> CreateRegistrationNonceAsync(CancellationToken cancellationToken = default)
    {
        var (nonce, expiresAt) = await sessions.CreateRegistrationNonceAsync(cancellationToken);
        return new IssuedNonce(nonce, expiresAt);
    }

    public async Task<DeviceInfo> RegisterAsync(DeviceRegistrationRequest request, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        var limitKey = origin.SourceIp ?? "?";
        if (registrations.RetryAfter(limitKey) is { } wait)
        {
            RateLimitReport.Add(registrations.Status(RegistrationRateLimiter.Policy, limitKey));
            throw ProblemCodes.Devices.RateLimited.Error("Too many device registrations from this address; try again later.", wait);
        }
        registrations.Failed(limitKey);
        // Keyed by the caller's own address: telling it what is left tells nothing it could not count itself.
        RateLimitReport.Add(registrations.Status(RegistrationRateLimiter.Policy, limitKey));
        if (request.PublicKey is null || !DeviceKey.TryImport(request.PublicKey, out var key) || request.PublicKey.Length > 400)
        {
            throw ProblemCodes.Devices.PublicKeyInvalid.Error("'publicKey' must be a base64url DER SubjectPublicKeyInfo of an ECDSA P-256 key.");
        }
        // A missing field is a malformed request (400); a wrong one is a failed proof (401).
        if (string.IsNullOrEmpty(request.Nonce) || string.IsNullOrEmpty(request.Proof))
        {
            var (missing, problem) = string.IsNullOrEmpty(request.Nonce) ? ("nonce", ProblemCodes.Devices.NonceMissing) : ("proof", ProblemCodes.Devices.ProofMissing);
            throw problem.Error($"'{missing}' is required: see POST /v1/devices/registration-nonce.");
        }
        if (request.Nonce is not { Length: <= 200 } nonce || !await sessions.ValidateRegistrationNonceAsync(nonce, cancellationToken))
        {
            throw ProblemCodes.Devices.BadNonce.Error("'nonce' must come from POST /v1/devices/registration-nonce, at most 60 s ago.");
        }
        if (!DeviceSignature.Verify(key, DeviceSessions.RegistrationProof(nonce, request.PublicKey), request.Proof))
        {
            await audit.RefusedAsync(HistoryEvents.Of(time.GetUtcNow(), HistoryTenants.Devices, null, "device", HistoryActivities.DeviceRegister, "device", "bad-proof", origin), cancellationToken);
            throw ProblemCodes.Devices.BadProof.Error("'proof' must be the key's signature over \"PA2-REGISTER\\n{nonce}\\n{publicKey}\".");
        }
        // One key, one device: a replay of this request (within the nonce's minute) finds the device and creates nothing.
        var deviceId = DeviceSessions.DeviceIdOf(key);
        var info = await grains.GetGrain<IDeviceGrain>(deviceId).RegisterAsync(
            new DeviceRegistration(request.PublicKey, request.Platform!, request.PushProvider!, request.PushToken, request.AppVersion!, request.DisplayName!), origin,
            cancellationToken);
        sessions.DeviceRegistered(deviceId);
        return info;
    }

    public async Task<IssuedNonce> CreateSessionNonceAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        var (nonce, expiresAt) = await sessions.CreateNonceAsync(deviceId, cancellationToken);
        return new IssuedNonce(nonce, expiresAt);
    }

    public async Task<DeviceSessionToken> OpenSessionAsync(string deviceId, string? nonce, string? signature, CancellationToken cancellationToken = default)
    {
        if (nonce is null || !await sessions.ValidateNonceAsync(deviceId, nonce, cancellationToken))
        {
            throw ProblemCodes.Devices.SessionBadNonce.Error("The nonce is unknown or expired; ask for a new one.");
        }
        var device = grains.GetGrain<IDeviceGrain>(deviceId);
        var key = await device.GetAsync(cancellationToken) is { Active: true } ? await deviceKeys.GetAsync(deviceId, cancellationToken) : null;
        if (key is null || !DeviceSignature.Verify(key, DeviceSessions.SessionProof(deviceId, nonce), signature))
        {
            throw ProblemCodes.Devices.SessionBadSignature.Error("The signature does not verify for this device.");
        }
        // Single use: the device grain remembers it (one activation decides, so of concurrent replays one wins).
        if (!await device.UseRequestNonceAsync("session:" + nonce.Split('.')[1], time.GetUtcNow(), cancellationToken))
        {
            throw ProblemCodes.Devices.SessionReplay.Error("This nonce was already used to open a session; ask for a new one.");
        }
        var (token, expiresAt) = await sessions.IssueAsync(deviceId, key.Thumbprint, cancellationToken);
        return new DeviceSessionToken(token, expiresAt);
    }

    public async Task DeregisterAsync(string deviceId, RequestOrigin origin, CancellationToken cancellationToken = default)
    {
        // The device grain tells every user it was paired with, after its own write, until each has removed it.
        await grains.GetGrain<IDeviceGrain>(deviceId).DeregisterAsync(origin, cancellationToken);
        activeDevices.Forget(deviceId);
        deviceKeys.Forget(deviceId);
    }
}
