namespace PushAuth.Abstractions;

/// <summary>A device's own life: registration with a proof of its key, sessions, deregistration.</summary>
public interface IDeviceService
{
    /// <summary>A nonce (60 s) for a registration's proof to sign.</summary>
    Task<IssuedNonce> CreateRegistrationNonceAsync(CancellationToken cancellationToken = default);

    /// <summary>Registers an authenticator installation: its P-256 key, proved by a signature over
    /// <c>PA2-REGISTER\n{nonce}\n{publicKey}</c>, and its push route. Limited per source address; a bad proof is audited.</summary>
    Task<DeviceInfo> RegisterAsync(DeviceRegistrationRequest request, RequestOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>A nonce (60 s) for a session proof of <paramref name="deviceId"/>.</summary>
    Task<IssuedNonce> CreateSessionNonceAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>Exchanges a signed server nonce for a session token; each nonce opens one session.</summary>
    Task<DeviceSessionToken> OpenSessionAsync(string deviceId, string? nonce, string? signature, CancellationToken cancellationToken = default);

    /// <summary>Deregisters the device; every user it was paired with is told after its write, and its sessions end.</summary>
    Task DeregisterAsync(string deviceId, RequestOrigin origin, CancellationToken cancellationToken = default);
}
