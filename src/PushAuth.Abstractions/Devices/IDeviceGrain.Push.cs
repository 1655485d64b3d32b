using PushAuth.Hosting;

namespace PushAuth.Abstractions;

/// <summary>The part of the device grain the push gateway and the approval flow need; resolved to the grain
/// registered for <c>IDeviceGrain</c>, which extends it.</summary>
public interface IDevicePushGrain : IGrainWithStringKey
{
    /// <summary>The device's ECDSA P-256 public key (base64url SPKI), or null for an unknown device.
    /// A device id's key never changes, so callers may cache it.</summary>
    Task<string?> GetPublicKeyAsync(CancellationToken cancellationToken = default);

    /// <summary>The device's push route, or null for an unknown device.</summary>
    Task<DevicePushInfo?> GetPushInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>FCM/APNs said <paramref name="token"/> is dead: mark it invalid (if it is still the current token) and audit.
    /// The device can still pull; a later token update makes it valid again.</summary>
    Task MarkPushTokenInvalidAsync(string token, string reason, CancellationToken cancellationToken = default);
}
