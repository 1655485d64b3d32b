namespace PushAuth.Security;

/// <summary>Verification of device signatures over the canonical strings (<see cref="CanonicalRequest"/> and friends).</summary>
public static class DeviceSignature
{
    /// <summary>Length of an IEEE P1363 P-256 signature (r‖s).</summary>
    public const int SignatureSize = 64;

    /// <summary>
    /// Verifies a base64url P1363 signature by the key <paramref name="spkiBase64Url"/>. Returns false, never throws,
    /// for a malformed key, malformed signature or wrong signature.
    /// </summary>
    public static bool Verify(string? spkiBase64Url, string message, string? signatureBase64Url)
    {
        if (!DeviceKey.TryImport(spkiBase64Url, out var key))
        {
            return false;
        }
        // A one-off key: release its imported verifier now rather than at finalization.
        using (key)
        {
            return signatureBase64Url is not null && key.Verify(message, signatureBase64Url);
        }
    }

    /// <summary>Verifies a base64url P1363 signature with an imported key.</summary>
    public static bool Verify(DeviceKey key, string message, string? signatureBase64Url)
    {
        ArgumentNullException.ThrowIfNull(key);
        return signatureBase64Url is not null && key.Verify(message, signatureBase64Url);
    }
}
