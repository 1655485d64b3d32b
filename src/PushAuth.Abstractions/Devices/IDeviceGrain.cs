using PushAuth.Hosting;

namespace PushAuth.Abstractions;

/// <summary>One authenticator app installation (key: device id). Holds its public key, push route and pairings.</summary>
[GrainType("device")]
public interface IDeviceGrain : IDevicePushGrain
{
    Task<DeviceInfo> RegisterAsync(DeviceRegistration registration, RequestOrigin origin, CancellationToken cancellationToken = default);

    Task<DeviceInfo?> GetAsync(CancellationToken cancellationToken = default);

    Task UpdatePushTokenAsync(string provider, string token, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Remembers a signed request's nonce; false when it was seen before (a replay) within the skew window.</summary>
    Task<bool> UseRequestNonceAsync(string nonce, DateTimeOffset signedAt, CancellationToken cancellationToken = default);

    /// <summary>Records a pairing with a user (user grain key).</summary>
    Task AddPairingAsync(string userKey, CancellationToken cancellationToken = default);

    Task RemovePairingAsync(string userKey, CancellationToken cancellationToken = default);

    /// <summary>Deactivates the device; returns the user grain keys it was paired with, so their methods can be removed.</summary>
    Task<IReadOnlyList<string>> DeregisterAsync(RequestOrigin origin, CancellationToken cancellationToken = default);
}
