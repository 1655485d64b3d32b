namespace PushAuth.Grains.Security;

/// <summary>Bound from <c>PushAuth:Security</c>. Unset keys fall back to development defaults generated once
/// and kept in storage (shared by every silo on it); production sets them from a secret store.</summary>
public sealed class SecurityOptions
{
    /// <summary>TOTP seed encryption keys: <c>keyId:base64key;keyId2:base64key</c> (32-byte AES-256 keys).</summary>
    public string? TotpKeys { get; set; }

    /// <summary>Which of <see cref="TotpKeys"/> encrypts new seeds; older ids still decrypt (rotation).</summary>
    public string? ActiveTotpKeyId { get; set; }

    /// <summary>Base64 HMAC key (≥ 32 bytes) for device session tokens and session nonces; equal on every silo.</summary>
    public string? SessionKey { get; set; }

    /// <summary>Lifetime of a device session.</summary>
    public TimeSpan DeviceSessionLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
