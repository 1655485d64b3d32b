using PushAuth.Hosting;

namespace PushAuth.Abstractions;

/// <summary>A user of a tenant (key: <see cref="GrainKeys.User"/>): their verification methods.
/// Calls only the device grain, never the per-user push grain (call order userpush → challenge → user → device).</summary>
[GrainType("user")]
public interface IUserGrain : IUserPushTargetsGrain
{
    /// <summary>Adds a paired device; returns its method id (idempotent per device).</summary>
    Task<string> AddDeviceAsync(string deviceId, string displayName, string pairingMethod, RequestOrigin origin, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<VerificationMethod>> ListMethodsAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes a method (lost, stolen or broken); returns it, or null when unknown.</summary>
    Task<VerificationMethod?> DisconnectAsync(string methodId, string actor, string reason, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Removes the pairing with a device (the device was deregistered).</summary>
    Task<VerificationMethod?> RemoveDeviceAsync(string deviceId, string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    Task<TotpEnrollment> EnrollTotpAsync(string issuer, string? deviceId, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>An admin lifts the TOTP throttle and the lock after 100 failures (after checking the user's identity); audited.</summary>
    Task ClearTotpLockAsync(string actor, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Checks a code against every TOTP credential of the user; a code is accepted at most once.</summary>
    Task<TotpVerification> VerifyTotpAsync(string code, int window, RequestOrigin origin, CancellationToken cancellationToken = default);
}
