namespace PushAuth.Grains.Security;

/// <summary>Bound from <c>PushAuth:Security</c>. Unset keys fall back to development defaults generated once
/// and kept in storage (shared by every silo on it); production sets them from a secret store.</summary>
public sealed class SecurityOptions
{
    /// <summary>TOTP seed encryption keys: <c>keyId:base64key;keyId2:base64key</c> (32-byte AES-256 keys).</summary>
    public string? TotpKeys { get; set; }

    /// <summary>Which of <see cref="TotpKeys"/> encrypts new seeds; older ids still decrypt (rotation).</summary>
    public string? ActiveTotpKeyId { get; set; }

    /// <summary>With <see cref="TotpKeys"/> set: also keep the development key generated before real keys were configured
    /// in the ring (never active), so secrets encrypted under it stay readable and are re-encrypted under the active key as
    /// they are used. Turn it off once nothing is left under the key id <c>dev</c>.</summary>
    public bool ImportDevelopmentKey { get; set; }

    /// <summary>Base64 HMAC key (≥ 32 bytes) for device session tokens and session nonces; equal on every silo.</summary>
    public string? SessionKey { get; set; }

    /// <summary>Lifetime of a device session.</summary>
    public TimeSpan DeviceSessionLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
