namespace PushAuth.Oidc.Hosting;

/// <summary>The OpenID Provider's settings (<c>PushAuth:Oidc</c>). Its keys follow the other keys' rules: configured
/// (environment or a mounted secret file) outside Development, generated only in Development.</summary>
public sealed class OidcOptions
{
    /// <summary>ID-token signing keys: <c>keyId:base64(PKCS#8 RSA private key, 2048 bits or more)[;…]</c>. Every key is
    /// published in the JWKS under its key id; <see cref="ActiveSigningKeyId"/> signs. Rotate by adding a new key, making
    /// it active, and removing the old one after the longest ID-token lifetime has passed.</summary>
    public string? SigningKeys { get; set; }

    /// <summary>Which of <see cref="SigningKeys"/> signs (default: the first).</summary>
    public string? ActiveSigningKeyId { get; set; }

    /// <summary>Keys that encrypt the self-contained codes and pushed requests (AES-256): <c>keyId:base64(32 bytes)[;…]</c>.
    /// <see cref="ActiveEncryptionKeyId"/> encrypts; every key still decrypts (rotation).</summary>
    public string? EncryptionKeys { get; set; }

    /// <summary>Which of <see cref="EncryptionKeys"/> encrypts (default: the first).</summary>
    public string? ActiveEncryptionKeyId { get; set; }

    /// <summary>Plain HTTP on the provider's endpoints, for development and loopback tests only: outside Development it is
    /// refused unless the silo's public URL is a loopback address. Behind a TLS proxy it is not needed (forwarded proto).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Authorization code lifetime (RFC 9700: short). 10 s..10 min.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a pushed request (and so its prompt) stays usable: long enough to pair a phone. 1..30 min.</summary>
    public TimeSpan PromptLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>ID and access token lifetime. 1 min..1 h.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>CIBA's minimum polling interval (<c>interval</c>). 1..60 s.</summary>
    public TimeSpan CibaInterval { get; set; } = TimeSpan.FromSeconds(5);
}
