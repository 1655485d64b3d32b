namespace PushAuth.Grains.Security;

/// <summary>Bound from <c>PushAuth:Security</c>. Outside Development every key is required (the silo refuses to start
/// without it) and comes from configuration: environment variables or files of a mounted secret (see
/// <c>PushAuth:KeyPerFileDirectory</c>). Only in Development do unset keys fall back to keys generated once and kept in
/// storage, which protect nothing against a copy of the database.</summary>
internal sealed class SecurityOptions
{
    /// <summary>TOTP seed encryption keys: <c>keyId:base64key;keyId2:base64key</c> (32-byte AES-256 keys).</summary>
    public string? TotpKeys { get; set; }

    /// <summary>Which of <see cref="TotpKeys"/> encrypts new seeds; older ids still decrypt (rotation).</summary>
    public string? ActiveTotpKeyId { get; set; }

    /// <summary>Development only (refused elsewhere, as it reads a key from the database): with <see cref="TotpKeys"/> set, also
    /// keep the development key generated before real keys were configured in the ring (never active), so secrets encrypted
    /// under it stay readable and are re-encrypted under the active key as they are used.</summary>
    public bool ImportDevelopmentKey { get; set; }

    /// <summary>HMAC keys (≥ 32 bytes each) of device session tokens and nonces, console sessions and temporary-code hashes;
    /// equal on every silo. <c>keyId:base64[;keyId:base64…]</c>, or one bare base64 key (key id <c>1</c>): the active key
    /// signs, every key in the ring still verifies (rotation).</summary>
    public string? SessionKey { get; set; }

    /// <summary>Which of <see cref="SessionKey"/> signs new tokens (default: the first).</summary>
    public string? ActiveSessionKeyId { get; set; }

    /// <summary>Lifetime of a device session.</summary>
    public TimeSpan DeviceSessionLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
