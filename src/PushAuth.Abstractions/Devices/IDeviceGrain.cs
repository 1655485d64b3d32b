namespace PushAuth.Abstractions;

/// <summary>
/// One authenticator app installation (key: device id): its public key, push route and pairings. Placed only on
/// silos whose role includes Gateway, so pushes leave from gateway silos.
/// </summary>
[Alias("pa.IDeviceGrain")]
public interface IDeviceGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task<DeviceInfo> RegisterAsync(DeviceRegistration registration, RequestOrigin origin, CancellationToken cancellationToken = default);

    [Alias("Get"), ReadOnly]
    Task<DeviceInfo?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>The device's ECDSA P-256 public key (base64url SPKI), or null for an unknown device. A device id's key never
    /// changes, so callers may cache it. Interleaves: it only reads.</summary>
    [Alias("GetPublicKey"), AlwaysInterleave]
    Task<string?> GetPublicKeyAsync(CancellationToken cancellationToken = default);

    [Alias("UpdatePushToken")]
    Task UpdatePushTokenAsync(string provider, string token, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Remembers a signed request's nonce; false when it was seen before (a replay) within the skew window.</summary>
    [Alias("UseRequestNonce")]
    Task<bool> UseRequestNonceAsync(string nonce, DateTimeOffset signedAt, CancellationToken cancellationToken = default);

    /// <summary>Records a pairing with a user. Refused for a deregistered device.</summary>
    [Alias("AddPairing")]
    Task AddPairingAsync(string tenantId, string userId, CancellationToken cancellationToken = default);

    /// <summary>The users this device is paired with (the push accounts a backup covers).</summary>
    [Alias("GetPairedUsers"), ReadOnly]
    Task<IReadOnlyList<PairedUser>> GetPairedUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>The user grain keys of the users this device is paired with.</summary>
    [Alias("GetPairedUserKeys"), ReadOnly]
    Task<IReadOnlyList<string>> GetPairedUserKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>The user removed this device as a method.</summary>
    [Alias("RemovePairing")]
    Task RemovePairingAsync(string userKey, CancellationToken cancellationToken = default);

    /// <summary>Deactivates the device; every user it was paired with is told (after the write, retried until done).</summary>
    [Alias("Deregister")]
    Task DeregisterAsync(RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>Sends one push to this device through its provider (one attempt). Interleaves with the device's other calls,
    /// so a slow provider never blocks the device's own requests.</summary>
    [Alias("Push"), AlwaysInterleave]
    Task<PushDelivery> PushAsync(PushRequest request, CancellationToken cancellationToken = default);
}
