using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PushAuth.Grains.Caching;
using PushAuth.Grains.Security;

namespace PushAuth.Grains.Devices;

/// <summary>
/// Device sessions: the device signs a server nonce with its key once and gets a short-lived token, so each later
/// request costs an HMAC check instead of an ECDSA verification. Nonces and tokens are stateless (HMAC-protected,
/// the same key on every silo). Tokens bind the device id, an expiry and the thumbprint of the device's key (inside the MAC,
/// checked against the cached key on every request).
/// </summary>
internal sealed class DeviceSessions(KeyMaterial keys, DeviceKeyCache deviceKeys, IOptions<SecurityOptions> options, TimeProvider time)
{
    public static readonly TimeSpan NonceLifetime = TimeSpan.FromSeconds(60);

    /// <summary>How long a session token's unknown device id is refused without asking its grain again.</summary>
    public static readonly TimeSpan UnknownDeviceLifetime = TimeSpan.FromSeconds(10);
    private readonly ExpiringCache<bool> _unknownDevices = new(time, UnknownDeviceLifetime, 10_000);

    /// <summary>A device registered on this silo: its id is no longer unknown.</summary>
    public void DeviceRegistered(string deviceId) => _unknownDevices.Forget(deviceId);

    /// <summary>A nonce for <paramref name="deviceId"/> to sign: <c>{expiry}.{random}.{mac}</c>.</summary>
    public async Task<(string Nonce, DateTimeOffset ExpiresAt)> CreateNonceAsync(string deviceId, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow() + NonceLifetime;
        var body = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        return (body + "." + await MacAsync("nonce", deviceId, body, cancellationToken).ConfigureAwait(false), expires);
    }

    /// <summary>True when <paramref name="nonce"/> was issued by us for this device and has not expired.</summary>
    public async Task<bool> ValidateNonceAsync(string deviceId, string nonce, CancellationToken cancellationToken) =>
        await ValidateAsync("nonce", deviceId, nonce, cancellationToken).ConfigureAwait(false);

    /// <summary>A nonce for a registration to sign (<see cref="RegistrationProof"/>): the proof is then fresh, not a fixed string
    /// that a captured request replays forever.</summary>
    public async Task<(string Nonce, DateTimeOffset ExpiresAt)> CreateRegistrationNonceAsync(CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow() + NonceLifetime;
        var body = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        return (body + "." + await MacAsync("register", "", body, cancellationToken).ConfigureAwait(false), expires);
    }

    /// <summary>True when <paramref name="nonce"/> is an unexpired registration nonce of ours.</summary>
    public async Task<bool> ValidateRegistrationNonceAsync(string nonce, CancellationToken cancellationToken) =>
        await ValidateAsync("register", "", nonce, cancellationToken).ConfigureAwait(false);

    /// <summary>The string a device signs to register: <c>PA2-REGISTER\n{nonce}\n{publicKey}</c>.</summary>
    public static string RegistrationProof(string nonce, string publicKey) => $"PA2-REGISTER\n{nonce}\n{publicKey}";

    /// <summary>A device's id, derived from its key: one key is one device, so a replayed registration creates nothing.</summary>
    public static string DeviceIdOf(PushAuth.Security.DeviceKey key) => "dv_" + key.Thumbprint[..22];

    /// <summary>The string a device signs to open a session.</summary>
    public static string SessionProof(string deviceId, string nonce) => $"PA1-SESSION\n{deviceId}\n{nonce}";

    /// <summary>A session token for a device that just proved possession of the key with <paramref name="keyThumbprint"/>.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(string deviceId, string keyThumbprint, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow() + options.Value.DeviceSessionLifetime;
        var body = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + deviceId;
        return (body + "." + await MacAsync("session", deviceId + "\n" + keyThumbprint, body, cancellationToken).ConfigureAwait(false), expires);
    }

    /// <summary>The device id of a valid, unexpired token, else null.</summary>
    public async Task<string?> ValidateTokenAsync(string token, CancellationToken cancellationToken)
    {
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var last = token.LastIndexOf('.');
        if (first <= 0 || last <= first)
        {
            return null;
        }
        var deviceId = token[(first + 1)..last];
        if (deviceId.Length > 64 || _unknownDevices.TryGet(deviceId, out _))
        {
            return null;
        }
        if (await deviceKeys.GetAsync(deviceId, cancellationToken).ConfigureAwait(false) is not { } key)
        {
            _unknownDevices.Set(deviceId, true);
            return null;
        }
        return await ValidateAsync("session", deviceId + "\n" + key.Thumbprint, token, cancellationToken).ConfigureAwait(false) ? deviceId : null;
    }

    private async Task<bool> ValidateAsync(string purpose, string deviceId, string value, CancellationToken cancellationToken)
    {
        var last = value.LastIndexOf('.');
        var first = value.IndexOf('.', StringComparison.Ordinal);
        if (first <= 0 || last <= first || value.Length > 512)
        {
            return false;
        }
        var body = value[..last];
        var presented = Encoding.ASCII.GetBytes(value[(last + 1)..]);
        // Every session key is tried (the active one first), so tokens made before a rotation live out their lifetime.
        var ring = await keys.SessionKeysAsync(cancellationToken).ConfigureAwait(false);
        if (!ring.Keys.Any(k => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(k.Key, purpose, deviceId, body)), presented)))
        {
            return false;
        }
        return long.TryParse(value[..first], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && DateTimeOffset.FromUnixTimeSeconds(expires) > time.GetUtcNow();
    }

    private async Task<string> MacAsync(string purpose, string deviceId, string body, CancellationToken cancellationToken) =>
        Mac(await keys.SessionKeyAsync(cancellationToken).ConfigureAwait(false), purpose, deviceId, body);

    private static string Mac(byte[] key, string purpose, string deviceId, string body) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}\n{deviceId}\n{body}")));
}
